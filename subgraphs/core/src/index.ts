import { join } from 'node:path';
import { createSubgraph } from '@psa/subgraph-kit';
import { auditLog } from './audit';
import { CORE_TOPIC_SPECS } from '@psa/events';
import { createCoreLoaders } from './loaders';
import { coreOutbox } from './outbox';
import { ownersModule } from './modules/owners/resolvers';
import { petsModule } from './modules/pets/resolvers';
import { householdsModule } from './modules/households/resolvers';
import { speciesModule } from './modules/species/resolvers';
import { emailModule } from './modules/email/resolvers';
import { registryProjection } from './modules/pets/registry-projection';
import { emailVerifications, outgoingMail } from './modules/email/tables';

export const core = createSubgraph({
  name: 'core',
  modules: [ownersModule, emailModule, petsModule, householdsModule, speciesModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  audit: auditLog,
  createLoaders: (db) => createCoreLoaders(db),
  events: {
    publishes: { outbox: coreOutbox, topics: CORE_TOPIC_SPECS },
    // Division ids core keeps on the pet for look-ups (the registry number, the licence in force).
    consumes: [registryProjection],
  },
  // Kept for a limited time (the kit adds the outbox's published rows); owners and pets are kept while active.
  retention: [
    { kind: 'logs and audit', table: outgoingMail, from: outgoingMail.sentAt },
    { kind: 'logs and audit', table: emailVerifications, from: emailVerifications.createdAt },
  ],
});
