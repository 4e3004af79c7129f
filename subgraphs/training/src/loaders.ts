import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isAnyKey, isUuid, preparedStatements, rowLoader } from '@psa/subgraph-kit';
import { ownerCopies, petCopies } from './modules/core-copies/tables';
import { locations, trainerAvailability, trainerCertifications, trainers, trainerServices } from './modules/trainers/tables';
import { bookings, bookingStatusHistory } from './modules/bookings/tables';
import { trainerReviews } from './modules/reviews/tables';
import { MAX_REVIEWS_LISTED } from './modules/reviews/rules';
import { enrollments, programs, trainingCertifications } from './modules/programs/tables';
import { payoutItems, payouts, trainingPayments } from './modules/payments/tables';

const byId = (row: { id: string }) => row.id;

/** Each trainer's newest published reviews, at most MAX_REVIEWS_LISTED each, limited in SQL. */
function publishedReviewsByTrainerId(db: Db) {
  const ranked = db
    .select({
      id: trainerReviews.id,
      rank: sql<number>`row_number() over (partition by ${trainerReviews.trainerId} order by ${trainerReviews.createdAt} desc, ${trainerReviews.id} desc)`.as(
        'rank',
      ),
    })
    .from(trainerReviews)
    .where(and(isAnyKey(trainerReviews.trainerId), eq(trainerReviews.status, 'PUBLISHED')))
    .as('ranked');
  return db
    .select({ review: trainerReviews })
    .from(trainerReviews)
    .innerJoin(ranked, eq(ranked.id, trainerReviews.id))
    .where(sql`${ranked.rank} <= ${MAX_REVIEWS_LISTED}`)
    .orderBy(desc(trainerReviews.createdAt), desc(trainerReviews.id))
    .prepare('training_published_reviews_by_trainer_id');
}

/** One statement per loader, prepared once per database handle; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  petById: db.select().from(petCopies).where(isAnyKey(petCopies.id)).prepare('training_pet_by_id'),
  trainerById: db.select().from(trainers).where(isAnyKey(trainers.id)).prepare('training_trainer_by_id'),
  trainingBookingById: db.select().from(bookings).where(isAnyKey(bookings.id)).prepare('training_booking_by_id'),
  trainingBookingsByDogId: db
    .select()
    .from(bookings)
    .where(isAnyKey(bookings.dogId))
    .orderBy(desc(bookings.startTime), desc(bookings.id))
    .prepare('training_bookings_by_dog_id'),
  trainingBookingsByOwnerId: db
    .select()
    .from(bookings)
    .where(isAnyKey(bookings.ownerId))
    .orderBy(desc(bookings.startTime), desc(bookings.id))
    .prepare('training_bookings_by_owner_id'),
  bookingHistoryByBookingId: db
    .select()
    .from(bookingStatusHistory)
    .where(isAnyKey(bookingStatusHistory.bookingId))
    .orderBy(asc(bookingStatusHistory.createdAt), asc(bookingStatusHistory.id))
    .prepare('training_booking_history_by_booking_id'),
  reviewByBookingId: db.select().from(trainerReviews).where(isAnyKey(trainerReviews.bookingId)).prepare('training_review_by_booking_id'),
  publishedReviewsByTrainerId: publishedReviewsByTrainerId(db),
  trainerByUserId: db.select().from(trainers).where(isAnyKey(trainers.userId)).prepare('training_trainer_by_user_id'),
  programById: db.select().from(programs).where(isAnyKey(programs.id)).prepare('training_program_by_id'),
  programsByTrainerId: db
    .select()
    .from(programs)
    .where(isAnyKey(programs.trainerId))
    .orderBy(asc(programs.startDate), asc(programs.id))
    .prepare('training_programs_by_trainer_id'),
  enrollmentById: db.select().from(enrollments).where(isAnyKey(enrollments.id)).prepare('training_enrollment_by_id'),
  enrollmentsByPetId: db
    .select()
    .from(enrollments)
    .where(isAnyKey(enrollments.petId))
    .orderBy(desc(enrollments.enrolledAt), desc(enrollments.id))
    .prepare('training_enrollments_by_pet_id'),
  certificationByEnrollmentId: db
    .select()
    .from(trainingCertifications)
    .where(isAnyKey(trainingCertifications.enrollmentId))
    .prepare('training_certification_by_enrollment_id'),
  placeById: db.select().from(locations).where(isAnyKey(locations.id)).prepare('training_place_by_id'),
  servicesByTrainerId: db
    .select()
    .from(trainerServices)
    .where(isAnyKey(trainerServices.trainerId))
    .orderBy(asc(trainerServices.createdAt), asc(trainerServices.id))
    .prepare('training_services_by_trainer_id'),
  certificationsByTrainerId: db
    .select()
    .from(trainerCertifications)
    .where(isAnyKey(trainerCertifications.trainerId))
    .orderBy(desc(trainerCertifications.issuedAt), asc(trainerCertifications.id))
    .prepare('training_certifications_by_trainer_id'),
  availabilityByTrainerId: db
    .select()
    .from(trainerAvailability)
    .where(isAnyKey(trainerAvailability.trainerId))
    .orderBy(asc(trainerAvailability.dayOfWeek), asc(trainerAvailability.startTime))
    .prepare('training_availability_by_trainer_id'),
  trainingPaymentById: db.select().from(trainingPayments).where(isAnyKey(trainingPayments.id)).prepare('training_payment_by_id'),
  payoutsByTrainerId: db
    .select()
    .from(payouts)
    .where(isAnyKey(payouts.trainerId))
    .orderBy(desc(payouts.createdAt), desc(payouts.id))
    .prepare('training_payouts_by_trainer_id'),
  payoutItemsByPayoutId: db
    .select()
    .from(payoutItems)
    .where(isAnyKey(payoutItems.payoutId))
    .orderBy(payoutItems.bookingId)
    .prepare('training_payout_items_by_payout_id'),
  ownerByClerkId: db
    .select()
    .from(ownerCopies)
    .where(and(isAnyKey(ownerCopies.clerkId), eq(ownerCopies.deleted, false)))
    .prepare('training_owner_by_clerk_id'),
}));

/** Every field the division adds to core's entities goes through one of these: one statement per field per request. */
export function createTrainingLoaders(db: Db) {
  const statements = statementsOf(db);
  return {
    /** Training's copy of a pet, deleted or not (the kit's copy-access rules read it). */
    petById: rowLoader((keys: string[]) => statements.petById.execute({ keys }), byId, isUuid),
    trainerById: rowLoader((keys: string[]) => statements.trainerById.execute({ keys }), byId, isUuid),
    trainingBookingById: rowLoader((keys: string[]) => statements.trainingBookingById.execute({ keys }), byId, isUuid),
    trainingBookingsByDogId: groupLoader(
      (keys: string[]) => statements.trainingBookingsByDogId.execute({ keys }),
      (booking) => booking.dogId,
      isUuid,
    ),
    trainingBookingsByOwnerId: groupLoader(
      (keys: string[]) => statements.trainingBookingsByOwnerId.execute({ keys }),
      (booking) => booking.ownerId,
      isUuid,
    ),
    bookingHistoryByBookingId: groupLoader(
      (keys: string[]) => statements.bookingHistoryByBookingId.execute({ keys }),
      (change) => change.bookingId,
      isUuid,
    ),
    reviewByBookingId: rowLoader(
      (keys: string[]) => statements.reviewByBookingId.execute({ keys }),
      (review) => review.bookingId,
      isUuid,
    ),
    publishedReviewsByTrainerId: groupLoader(
      async (keys: string[]) => {
        const rows = await statements.publishedReviewsByTrainerId.execute({ keys });
        return rows.map((row) => row.review);
      },
      (review) => review.trainerId,
      isUuid,
    ),
    /** The trainer a token subject signs in as. */
    trainerByUserId: rowLoader(
      (keys: string[]) => statements.trainerByUserId.execute({ keys }),
      (trainer) => trainer.userId,
    ),
    programById: rowLoader((keys: string[]) => statements.programById.execute({ keys }), byId, isUuid),
    programsByTrainerId: groupLoader(
      (keys: string[]) => statements.programsByTrainerId.execute({ keys }),
      (program) => program.trainerId,
      isUuid,
    ),
    enrollmentById: rowLoader((keys: string[]) => statements.enrollmentById.execute({ keys }), byId, isUuid),
    enrollmentsByPetId: groupLoader(
      (keys: string[]) => statements.enrollmentsByPetId.execute({ keys }),
      (enrollment) => enrollment.petId,
      isUuid,
    ),
    certificationByEnrollmentId: rowLoader(
      (keys: string[]) => statements.certificationByEnrollmentId.execute({ keys }),
      (certification) => certification.enrollmentId,
      isUuid,
    ),
    placeById: rowLoader((keys: string[]) => statements.placeById.execute({ keys }), byId, isUuid),
    /** Every service of each trainer, active or not: the field decides who sees which. */
    servicesByTrainerId: groupLoader(
      (keys: string[]) => statements.servicesByTrainerId.execute({ keys }),
      (service) => service.trainerId,
      isUuid,
    ),
    certificationsByTrainerId: groupLoader(
      (keys: string[]) => statements.certificationsByTrainerId.execute({ keys }),
      (certification) => certification.trainerId,
      isUuid,
    ),
    availabilityByTrainerId: groupLoader(
      (keys: string[]) => statements.availabilityByTrainerId.execute({ keys }),
      (window) => window.trainerId,
      isUuid,
    ),
    trainingPaymentById: rowLoader((keys: string[]) => statements.trainingPaymentById.execute({ keys }), byId, isUuid),
    payoutsByTrainerId: groupLoader(
      (keys: string[]) => statements.payoutsByTrainerId.execute({ keys }),
      (payout) => payout.trainerId,
      isUuid,
    ),
    payoutItemsByPayoutId: groupLoader(
      (keys: string[]) => statements.payoutItemsByPayoutId.execute({ keys }),
      (item) => item.payoutId,
      isUuid,
    ),
    /** The owner a token subject signs in as. */
    ownerByClerkId: rowLoader(
      (keys: string[]) => statements.ownerByClerkId.execute({ keys }),
      (r) => r.clerkId!,
    ),
  };
}

export type TrainingLoaders = ReturnType<typeof createTrainingLoaders>;
