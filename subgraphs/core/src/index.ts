import { join } from 'node:path';
import { createSubgraph } from '@psa/subgraph-kit';
import { auditLog } from './audit';
import { CORE_TOPIC_SPECS, DATA_EXPORT_TOPIC, topicSpec } from '@psa/events';
import { eq, inArray, sql } from 'drizzle-orm';
import { createCoreLoaders } from './loaders';
import { coreOutbox } from './outbox';
import { ownersModule } from './modules/owners/resolvers';
import { petsModule } from './modules/pets/resolvers';
import { householdsModule } from './modules/households/resolvers';
import { speciesModule } from './modules/species/resolvers';
import { emailModule } from './modules/email/resolvers';
import { registryProjection } from './modules/pets/registry-projection';
import { emailVerifications, outgoingMail } from './modules/email/tables';
import { privacyModule } from './modules/privacy/resolvers';
import { dataExportPartProjections } from './modules/privacy/collect';
import { owners } from './modules/owners/tables';
import { pets } from './modules/pets/tables';
import { householdMembers, households } from './modules/households/tables';

export const core = createSubgraph({
  name: 'core',
  modules: [ownersModule, emailModule, petsModule, householdsModule, speciesModule, privacyModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  audit: auditLog,
  createLoaders: (db) => createCoreLoaders(db),
  events: {
    publishes: { outbox: coreOutbox, topics: [...CORE_TOPIC_SPECS, topicSpec(DATA_EXPORT_TOPIC)] },
    // Division ids core keeps on the pet for look-ups (the registry number, the licence in force), and every
    // subgraph's answers to data exports.
    consumes: [registryProjection, ...dataExportPartProjections],
  },
  // What core holds of an owner: their profile, pets, households and memberships, and the mail sent to them.
  ownerData: [
    { table: owners, rows: (o) => eq(owners.id, o.ownerId) },
    { table: pets, rows: (o) => eq(pets.ownerId, o.ownerId) },
    { table: householdMembers, rows: (o) => eq(householdMembers.ownerId, o.ownerId) },
    { table: households, rows: (o) => inArray(households.id, sql`(select household_id from core.household_members where owner_id = ${o.ownerId})`) },
    { table: emailVerifications, rows: (o) => eq(emailVerifications.ownerId, o.ownerId) },
    { table: outgoingMail, rows: (o) => sql`${outgoingMail.recipient} in (select email from core.owners where id = ${o.ownerId})` },
  ],
  // Kept for a limited time (the kit adds the outbox's published rows); owners and pets are kept while active.
  retention: [
    { kind: 'logs and audit', table: outgoingMail, from: outgoingMail.sentAt },
    { kind: 'logs and audit', table: emailVerifications, from: emailVerifications.createdAt },
  ],
});
