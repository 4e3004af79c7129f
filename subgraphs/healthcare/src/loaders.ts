import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
import { notes } from './modules/notes/tables';
import { petCopies } from './modules/core-copies/tables';

/** Every field the division adds to core's entities goes through one of these: one statement per field per request. */
export function createHealthcareLoaders(db: Db) {
  return {
    notesByPetId: groupLoader(
      (ids: string[]) => db.select().from(notes).where(inArray(notes.petId, ids)).orderBy(desc(notes.createdAt), desc(notes.id)),
      (note) => note.petId,
      isUuid,
    ),
    // The pets core has, as this division's copy knows them (kept current by events; never a call to core).
    livePetById: rowLoader(
      (ids: string[]) =>
        db
          .select({ id: petCopies.id })
          .from(petCopies)
          .where(and(inArray(petCopies.id, ids), eq(petCopies.deleted, false))),
      (pet) => pet.id,
      isUuid,
    ),
  };
}

export type HealthcareLoaders = ReturnType<typeof createHealthcareLoaders>;
