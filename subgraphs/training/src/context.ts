import type { SubgraphContext } from '@psa/subgraph-kit';
import type { TrainingLoaders } from './loaders';

export type TrainingContext = SubgraphContext<TrainingLoaders>;
