import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
import { notes } from './modules/notes/tables';
import { ownerCopies, petCopies } from './modules/core-copies/tables';
import { trainers } from './modules/trainers/tables';
import { bookings } from './modules/bookings/tables';
import { payoutItems, payouts, trainingPayments } from './modules/payments/tables';

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
    bookingById: rowLoader((ids: string[]) => db.select().from(bookings).where(inArray(bookings.id, ids)), byId, isUuid),
    trainingPaymentById: rowLoader((ids: string[]) => db.select().from(trainingPayments).where(inArray(trainingPayments.id, ids)), byId, isUuid),
    payoutsByTrainerId: groupLoader(
      (ids: string[]) => db.select().from(payouts).where(inArray(payouts.trainerId, ids)).orderBy(desc(payouts.createdAt), desc(payouts.id)),
      (payout) => payout.trainerId,
      isUuid,
    ),
    payoutItemsByPayoutId: groupLoader(
      (ids: string[]) => db.select().from(payoutItems).where(inArray(payoutItems.payoutId, ids)).orderBy(payoutItems.bookingId),
      (item) => item.payoutId,
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
