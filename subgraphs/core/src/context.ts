import type { SubgraphContext } from '@psa/subgraph-kit';
import type { CoreLoaders } from './loaders';

export type CoreContext = SubgraphContext<CoreLoaders>;
