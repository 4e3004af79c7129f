import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
import { notes } from './modules/notes/tables';
import { ownerCopies, petCopies } from './modules/core-copies/tables';
import { locations, trainerAvailability, trainerCertifications, trainers, trainerServices } from './modules/trainers/tables';

const byId = (row: { id: string }) => row.id;

/** Every field the division adds to core's entities goes through one of these: one statement per field per request. */
export function createTrainingLoaders(db: Db) {
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
    /** Training's copy of a pet, deleted or not (the kit's copy-access rules read it). */
    petById: rowLoader((ids: string[]) => db.select().from(petCopies).where(inArray(petCopies.id, ids)), byId, isUuid),
    trainerById: rowLoader((ids: string[]) => db.select().from(trainers).where(inArray(trainers.id, ids)), byId, isUuid),
    /** The trainer a token subject signs in as. */
    trainerByUserId: rowLoader(
      (userIds: string[]) => db.select().from(trainers).where(inArray(trainers.userId, userIds)),
      (trainer) => trainer.userId,
    ),
    placeById: rowLoader((ids: string[]) => db.select().from(locations).where(inArray(locations.id, ids)), byId, isUuid),
    /** Every service of each trainer, active or not: the field decides who sees which. */
    servicesByTrainerId: groupLoader(
      (ids: string[]) =>
        db.select().from(trainerServices).where(inArray(trainerServices.trainerId, ids)).orderBy(asc(trainerServices.createdAt), asc(trainerServices.id)),
      (service) => service.trainerId,
      isUuid,
    ),
    certificationsByTrainerId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(trainerCertifications)
          .where(inArray(trainerCertifications.trainerId, ids))
          .orderBy(desc(trainerCertifications.issuedAt), asc(trainerCertifications.id)),
      (certification) => certification.trainerId,
      isUuid,
    ),
    availabilityByTrainerId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(trainerAvailability)
          .where(inArray(trainerAvailability.trainerId, ids))
          .orderBy(asc(trainerAvailability.dayOfWeek), asc(trainerAvailability.startTime)),
      (window) => window.trainerId,
      isUuid,
    ),
    /** The owner a token subject signs in as. */
    ownerByClerkId: rowLoader(
      (ids: string[]) =>
        db
          .select()
          .from(ownerCopies)
          .where(and(inArray(ownerCopies.clerkId, ids), eq(ownerCopies.deleted, false))),
      (r) => r.clerkId!,
    ),
  };
}

export type TrainingLoaders = ReturnType<typeof createTrainingLoaders>;
