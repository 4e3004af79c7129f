import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { createSubgraph } from '@psa/subgraph-kit';
import { auditLog } from './audit';
import { createHealthcareLoaders } from './loaders';
import { notesModule } from './modules/notes/resolvers';
import { notes } from './modules/notes/tables';
import { petProjection, ownerProjection } from './modules/core-copies/projections';
import { HEALTHCARE_TOPIC_SPECS } from '@psa/events';
import { healthcareOutbox } from './outbox';
import { vaccinationsGivenOwnerData, vaccinationsGivenRetention } from './modules/vaccinations-given/privacy';

export const healthcare = createSubgraph({
  name: 'healthcare',
  modules: [notesModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createHealthcareLoaders(db),
  audit: auditLog,
  // What this division holds of an owner: exported on request, deleted on erasure (README, Privacy). Declare every
  // table that does; `erase: { keep: 'health records' }` keeps what the law keeps.
  ownerData: [{ table: notes, rows: (o) => inArray(notes.petId, o.petIds) }, vaccinationsGivenOwnerData],
  retention: [vaccinationsGivenRetention],
  // Copies of core's aggregates for its own rules, kept current from core's events; `pnpm reconcile healthcare` checks them.
  copies: [
    { aggregate: 'pet', source: { subgraph: 'core', table: 'core.pets' }, copy: 'healthcare.pet_copies' },
    { aggregate: 'owner', source: { subgraph: 'core', table: 'core.owners' }, copy: 'healthcare.owner_copies' },
  ],
  events: {
    // Vaccines given at completed appointments, for licensure's records (modules/vaccinations-given/publish.ts).
    publishes: { outbox: healthcareOutbox, topics: HEALTHCARE_TOPIC_SPECS },
    consumes: [petProjection, ownerProjection],
  },
});
