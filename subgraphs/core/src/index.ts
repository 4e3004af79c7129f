import { join } from 'node:path';
import { createSubgraph } from '@psa/subgraph-kit';
import { auditLog } from './audit';
import { CORE_TOPIC_SPECS, DATA_EXPORT_TOPIC, OWNER_ERASURE_TOPIC, topicSpec } from '@psa/events';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
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
import { erasureWorker } from './modules/privacy/erasure';
import { dataExports } from './modules/privacy/tables';
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
    publishes: { outbox: coreOutbox, topics: [...CORE_TOPIC_SPECS, topicSpec(DATA_EXPORT_TOPIC), topicSpec(OWNER_ERASURE_TOPIC)] },
    // Division ids core keeps on the pet for look-ups (the registry number, the licence in force), and every
    // subgraph's answers to data exports.
    consumes: [registryProjection, ...dataExportPartProjections],
  },
  // What core holds of an owner: their profile, pets, households and memberships, the mail sent to them and their
  // exports. Erasure deletes all of it (in reverse order); a household they head is dissolved, its other members stay.
  ownerData: [
    { table: owners, rows: (o) => eq(owners.id, o.ownerId) },
    { table: pets, rows: (o) => eq(pets.ownerId, o.ownerId) },
    { table: householdMembers, rows: (o) => eq(householdMembers.ownerId, o.ownerId) },
    {
      table: households,
      rows: (o) => inArray(households.id, sql`(select household_id from core.household_members where owner_id = ${o.ownerId})`),
      erase: { deleteWhere: (o) => eq(households.primaryOwnerId, o.ownerId) },
    },
    { table: emailVerifications, rows: (o) => eq(emailVerifications.ownerId, o.ownerId) },
    { table: outgoingMail, rows: (o) => sql`${outgoingMail.recipient} in (select email from core.owners where id = ${o.ownerId})` },
    { table: dataExports, rows: (o) => eq(dataExports.ownerId, o.ownerId) },
    // Published events about the households they head (names): erased before the households, like the kit does
    // for the owner's and their pets' own events.
    {
      table: coreOutbox.table,
      rows: (o) =>
        and(sql`${coreOutbox.table.key} in (select id::text from core.households where primary_owner_id = ${o.ownerId})`, isNotNull(coreOutbox.table.sentAt))!,
      exported: false,
    },
  ],
  // The grace clock of erasures: past 90 days, the purge notice goes to every subgraph.
  workers: (deps) => [erasureWorker(deps)],
  // Kept for a limited time (the kit adds the outbox's published rows); owners and pets are kept while active.
  retention: [
    { kind: 'logs and audit', table: outgoingMail, from: outgoingMail.sentAt },
    { kind: 'logs and audit', table: emailVerifications, from: emailVerifications.createdAt },
  ],
});

/** The grace clock of erasures, for `pnpm erasure`. */
export { advanceGraceClock, issueDueErasures, pendingErasures, ERASURE_GRACE_DAYS } from './modules/privacy/erasure';
