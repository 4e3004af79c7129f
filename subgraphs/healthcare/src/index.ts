import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { createSubgraph } from '@psa/subgraph-kit';
import { auditLog } from './audit';
import { createHealthcareLoaders } from './loaders';
import { notesModule } from './modules/notes/resolvers';
import { notes } from './modules/notes/tables';
import { petProjection, ownerProjection } from './modules/core-copies/projections';
import { insuranceModule } from './modules/insurance/resolvers';
import { wellnessModule } from './modules/wellness/resolvers';
import { telemedicineModule } from './modules/telemedicine/resolvers';
import { vetNetworkModule } from './modules/vet-network/resolvers';
import { insuranceOwnerData, insuranceRetention } from './modules/insurance/owner-data';
import { wellnessOwnerData, wellnessRetention } from './modules/wellness/owner-data';
import { telemedicineOwnerData, telemedicineRetention } from './modules/telemedicine/owner-data';

export const healthcare = createSubgraph({
  name: 'healthcare',
  modules: [notesModule, vetNetworkModule, insuranceModule, wellnessModule, telemedicineModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createHealthcareLoaders(db),
  audit: auditLog,
  // What this division holds of an owner: exported on request, deleted on erasure (README, Privacy). Declare every
  // table that does; `erase: { keep: 'health records' }` keeps what the law keeps.
  ownerData: [{ table: notes, rows: (o) => inArray(notes.petId, o.petIds) }, ...insuranceOwnerData, ...wellnessOwnerData, ...telemedicineOwnerData],
  // Kept for a limited time (the kit adds the audit log and the outbox's published rows).
  retention: [...insuranceRetention, ...wellnessRetention, ...telemedicineRetention],
  // Copies of core's aggregates for its own rules, kept current from core's events; `pnpm reconcile healthcare` checks them.
  copies: [
    { aggregate: 'pet', source: { subgraph: 'core', table: 'core.pets' }, copy: 'healthcare.pet_copies' },
    { aggregate: 'owner', source: { subgraph: 'core', table: 'core.owners' }, copy: 'healthcare.owner_copies' },
  ],
  events: { consumes: [petProjection, ownerProjection] },
});
