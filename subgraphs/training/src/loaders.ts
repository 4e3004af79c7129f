import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
import { ownerCopies, petCopies } from './modules/core-copies/tables';
import { locations, trainerAvailability, trainerCertifications, trainers, trainerServices } from './modules/trainers/tables';
import { bookings, bookingStatusHistory } from './modules/bookings/tables';
import { trainerReviews } from './modules/reviews/tables';
import { MAX_REVIEWS_LISTED } from './modules/reviews/rules';
import { enrollments, programs, trainingCertifications } from './modules/programs/tables';
import { payoutItems, payouts, trainingPayments } from './modules/payments/tables';

const byId = (row: { id: string }) => row.id;

/** Every field the division adds to core's entities goes through one of these: one statement per field per request. */
export function createTrainingLoaders(db: Db) {
  return {
    /** Training's copy of a pet, deleted or not (the kit's copy-access rules read it). */
    petById: rowLoader((ids: string[]) => db.select().from(petCopies).where(inArray(petCopies.id, ids)), byId, isUuid),
    trainerById: rowLoader((ids: string[]) => db.select().from(trainers).where(inArray(trainers.id, ids)), byId, isUuid),
    trainingBookingById: rowLoader((ids: string[]) => db.select().from(bookings).where(inArray(bookings.id, ids)), byId, isUuid),
    trainingBookingsByDogId: groupLoader(
      (ids: string[]) => db.select().from(bookings).where(inArray(bookings.dogId, ids)).orderBy(desc(bookings.startTime), desc(bookings.id)),
      (booking) => booking.dogId,
      isUuid,
    ),
    trainingBookingsByOwnerId: groupLoader(
      (ids: string[]) => db.select().from(bookings).where(inArray(bookings.ownerId, ids)).orderBy(desc(bookings.startTime), desc(bookings.id)),
      (booking) => booking.ownerId,
      isUuid,
    ),
    bookingHistoryByBookingId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(bookingStatusHistory)
          .where(inArray(bookingStatusHistory.bookingId, ids))
          .orderBy(asc(bookingStatusHistory.createdAt), asc(bookingStatusHistory.id)),
      (change) => change.bookingId,
      isUuid,
    ),
    reviewByBookingId: rowLoader(
      (ids: string[]) => db.select().from(trainerReviews).where(inArray(trainerReviews.bookingId, ids)),
      (review) => review.bookingId,
      isUuid,
    ),
    /** Each trainer's newest published reviews, at most MAX_REVIEWS_LISTED each, limited in SQL. */
    publishedReviewsByTrainerId: groupLoader(
      (ids: string[]) => {
        const ranked = db
          .select({
            id: trainerReviews.id,
            rank: sql<number>`row_number() over (partition by ${trainerReviews.trainerId} order by ${trainerReviews.createdAt} desc, ${trainerReviews.id} desc)`.as(
              'rank',
            ),
          })
          .from(trainerReviews)
          .where(and(inArray(trainerReviews.trainerId, ids), eq(trainerReviews.status, 'PUBLISHED')))
          .as('ranked');
        return db
          .select({ review: trainerReviews })
          .from(trainerReviews)
          .innerJoin(ranked, eq(ranked.id, trainerReviews.id))
          .where(sql`${ranked.rank} <= ${MAX_REVIEWS_LISTED}`)
          .orderBy(desc(trainerReviews.createdAt), desc(trainerReviews.id))
          .then((rows) => rows.map((row) => row.review));
      },
      (review) => review.trainerId,
      isUuid,
    ),
    /** The trainer profile a token subject signs in as. */
    /** The trainer a token subject signs in as. */
    trainerByUserId: rowLoader(
      (userIds: string[]) => db.select().from(trainers).where(inArray(trainers.userId, userIds)),
      (trainer) => trainer.userId,
    ),
    programById: rowLoader((ids: string[]) => db.select().from(programs).where(inArray(programs.id, ids)), byId, isUuid),
    programsByTrainerId: groupLoader(
      (ids: string[]) => db.select().from(programs).where(inArray(programs.trainerId, ids)).orderBy(asc(programs.startDate), asc(programs.id)),
      (program) => program.trainerId,
      isUuid,
    ),
    enrollmentById: rowLoader((ids: string[]) => db.select().from(enrollments).where(inArray(enrollments.id, ids)), byId, isUuid),
    enrollmentsByPetId: groupLoader(
      (ids: string[]) => db.select().from(enrollments).where(inArray(enrollments.petId, ids)).orderBy(desc(enrollments.enrolledAt), desc(enrollments.id)),
      (enrollment) => enrollment.petId,
      isUuid,
    ),
    certificationByEnrollmentId: rowLoader(
      (ids: string[]) => db.select().from(trainingCertifications).where(inArray(trainingCertifications.enrollmentId, ids)),
      (certification) => certification.enrollmentId,
      isUuid,
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
