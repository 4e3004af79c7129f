import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
import { notes } from './modules/notes/tables';
import { petCopies } from './modules/core-copies/tables';
import { insuranceLoaders } from './modules/insurance/loaders';
import { wellnessLoaders } from './modules/wellness/loaders';
import { telemedicineLoaders } from './modules/telemedicine/loaders';
import { vetNetworkLoaders } from './modules/vet-network/loaders';

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
    // Healthcare's copy of each pet, deleted ones too: who owns it, for owners' reads.
    petCopyById: rowLoader(
      (ids: string[]) => db.select().from(petCopies).where(inArray(petCopies.id, ids)),
      (pet) => pet.id,
      isUuid,
    ),
    ...insuranceLoaders(db),
    ...wellnessLoaders(db),
    ...telemedicineLoaders(db),
    ...vetNetworkLoaders(db),
  };
}

export type HealthcareLoaders = ReturnType<typeof createHealthcareLoaders>;
