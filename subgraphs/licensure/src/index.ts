import { join } from 'node:path';
import { createSubgraph } from '@psa/subgraph-kit';
import { LICENSURE_TOPIC_SPECS } from '@psa/events';
import { createLicensureLoaders } from './loaders';
import { ownerProjection, petProjection } from './modules/core-copies/projections';
import { registryModule } from './modules/registry/resolvers';
import { licensesModule } from './modules/licenses/resolvers';
import { certificationsModule } from './modules/certifications/resolvers';
import { healthRecordsModule } from './modules/health-records/resolvers';
import { vaccinationsModule } from './modules/vaccinations/resolvers';
import { lostPetsModule } from './modules/lost-pets/resolvers';
import { lostReportChecks } from './modules/lost-pets/checks';
import { licensureOutbox } from './outbox';

export const licensure = createSubgraph({
  name: 'licensure',
  modules: [registryModule, licensesModule, certificationsModule, healthRecordsModule, vaccinationsModule, lostPetsModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createLicensureLoaders(db),
  copies: [
    { aggregate: 'owner', source: { subgraph: 'core', table: 'core.owners' }, copy: 'licensure.owner_copies' },
    { aggregate: 'pet', source: { subgraph: 'core', table: 'core.pets' }, copy: 'licensure.pet_copies' },
  ],
  // Rules derived from the copies, verified by `pnpm reconcile licensure` beside the versions.
  checks: lostReportChecks,
  events: {
    publishes: { outbox: licensureOutbox, topics: LICENSURE_TOPIC_SPECS },
    consumes: [petProjection, ownerProjection],
  },
});
