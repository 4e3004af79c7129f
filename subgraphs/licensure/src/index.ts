import { join } from 'node:path';
import { createSubgraph } from '@psa/subgraph-kit';
import { Projector } from '@psa/events';
import { createLicensureLoaders } from './loaders';
import { ownerProjection, petProjection } from './modules/core-copies/projections';
import { registryModule } from './modules/registry/resolvers';
import { licensesModule } from './modules/licenses/resolvers';
import { certificationsModule } from './modules/certifications/resolvers';
import { healthRecordsModule } from './modules/health-records/resolvers';
import { vaccinationsModule } from './modules/vaccinations/resolvers';
import { lostPetsModule } from './modules/lost-pets/resolvers';

export const licensure = createSubgraph({
  name: 'licensure',
  modules: [registryModule, licensesModule, certificationsModule, healthRecordsModule, vaccinationsModule, lostPetsModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createLicensureLoaders(db),
  copies: [
    { aggregate: 'owner', source: { subgraph: 'core', table: 'core.owners' }, copy: 'licensure.owner_copies' },
    { aggregate: 'pet', source: { subgraph: 'core', table: 'core.pets' }, copy: 'licensure.pet_copies' },
  ],
  workers: ({ database, transport, log }) => {
    const projector = new Projector({ groupId: 'licensure', database, transport, projections: [petProjection, ownerProjection], log });
    return [
      {
        name: 'projector of core events',
        start: async () => {
          await projector.start();
          // Reported, not awaited: the API serves while a late-starting division rebuilds its copies.
          projector.caughtUp(24 * 3600_000).catch((error: Error) => log(error.message));
        },
        stop: () => projector.stop(),
        status: async () => ({ lag: await projector.lag(), applied: projector.applied, deadLettered: projector.deadLettered }),
      },
    ];
  },
});
