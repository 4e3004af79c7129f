import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { createSubgraph } from '@psa/subgraph-kit';
import { auditLog } from './audit';
import { notifications } from './notifications';
import { createTrainingLoaders } from './loaders';
import { notesModule } from './modules/notes/resolvers';
import { trainersModule } from './modules/trainers/resolvers';
import { notes } from './modules/notes/tables';
import { petProjection, ownerProjection } from './modules/core-copies/projections';
import { ownerCopies, petCopies } from './modules/core-copies/tables';

export const training = createSubgraph({
  name: 'training',
  modules: [notesModule, trainersModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createTrainingLoaders(db),
  audit: auditLog,
  // Booking and payout news for owners and trainers, read as trainingNotifications (the kit's mechanism).
  notifications,
  // What this division holds of an owner: exported on request, deleted on erasure (README, Privacy). Declare every
  // table that does; `erase: { keep: 'health records' }` keeps what the law keeps.
  ownerData: [
    { table: notes, rows: (o) => inArray(notes.petId, o.petIds) },
    // Copies: core's events of the erasure turn them into tombstones.
    { table: ownerCopies, rows: (o) => eq(ownerCopies.id, o.ownerId), erase: 'copy' },
    { table: petCopies, rows: (o) => inArray(petCopies.id, o.petIds), erase: 'copy' },
  ],
  // Copies of core's aggregates for its own rules, kept current from core's events; `pnpm reconcile training` checks them.
  copies: [
    { aggregate: 'pet', source: { subgraph: 'core', table: 'core.pets' }, copy: 'training.pet_copies' },
    { aggregate: 'owner', source: { subgraph: 'core', table: 'core.owners' }, copy: 'training.owner_copies' },
  ],
  events: { consumes: [petProjection, ownerProjection] },
});
