import type { SubgraphContext } from '@psa/subgraph-kit';
import type { HealthcareLoaders } from './loaders';

export type HealthcareContext = SubgraphContext<HealthcareLoaders>;
