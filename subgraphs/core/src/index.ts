import { join } from 'node:path';
import { createSubgraph, projectorWorker, relayWorker } from '@psa/subgraph-kit';
import { CORE_TOPIC_SPECS, OutboxRelay, Projector } from '@psa/events';
import { createCoreLoaders } from './loaders';
import { OUTBOX_NAME, outbox } from './outbox';
import { ownersModule } from './modules/owners/resolvers';
import { petsModule } from './modules/pets/resolvers';
import { householdsModule } from './modules/households/resolvers';
import { speciesModule } from './modules/species/resolvers';
import { emailModule } from './modules/email/resolvers';
import { registryProjection } from './modules/pets/registry-projection';

export const core = createSubgraph({
  name: 'core',
  modules: [ownersModule, emailModule, petsModule, householdsModule, speciesModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createCoreLoaders(db),
  workers: ({ database, transport, log }) => [
    relayWorker(new OutboxRelay({ db: database.db, outbox, transport, name: OUTBOX_NAME, topics: CORE_TOPIC_SPECS, log })),
    // Division ids core keeps on the pet for look-ups (the registry number, the licence in force).
    projectorWorker(new Projector({ groupId: 'core', database, transport, projections: [registryProjection], log }), log, 'projector of licensure registry'),
  ],
});
