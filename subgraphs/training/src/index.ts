import { join } from 'node:path';
import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import { createSubgraph } from '@psa/subgraph-kit';
import { auditLog } from './audit';
import { createTrainingLoaders } from './loaders';
import { notesModule } from './modules/notes/resolvers';
import { trainersModule } from './modules/trainers/resolvers';
import { notes } from './modules/notes/tables';
import { locations, trainers } from './modules/trainers/tables';
import { petProjection, ownerProjection } from './modules/core-copies/projections';

export const training = createSubgraph({
  name: 'training',
  modules: [notesModule, trainersModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createTrainingLoaders(db),
  audit: auditLog,
  // What this division holds of an owner: exported on request, deleted on erasure (README, Privacy). Declare every
  // table that does; `erase: { keep: 'health records' }` keeps what the law keeps.
  ownerData: [
    { table: notes, rows: (o) => inArray(notes.petId, o.petIds) },
    // The address an owner saved for search; a trainer's base (the same table) belongs to their trainer profile.
    {
      table: locations,
      rows: (o) => and(eq(locations.userId, o.clerkId), notExists(sql`(select 1 from ${trainers} t where t.location_id = ${locations.id})`))!,
    },
  ],
  // Copies of core's aggregates for its own rules, kept current from core's events; `pnpm reconcile training` checks them.
  copies: [
    { aggregate: 'pet', source: { subgraph: 'core', table: 'core.pets' }, copy: 'training.pet_copies' },
    { aggregate: 'owner', source: { subgraph: 'core', table: 'core.owners' }, copy: 'training.owner_copies' },
  ],
  events: { consumes: [petProjection, ownerProjection] },
});
