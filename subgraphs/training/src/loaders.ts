import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { byId, groupLoader, isAnyKey, isUuid, newestPerKey, preparedStatements, rowLoader } from '@psa/subgraph-kit';
import { ownerCopies, petCopies } from './modules/core-copies/tables';
import { locations, trainerAvailability, trainerCertifications, trainers, trainerServices } from './modules/trainers/tables';
import { bookings, bookingStatusHistory } from './modules/bookings/tables';
import { trainerReviews } from './modules/reviews/tables';
import { MAX_REVIEWS_LISTED } from './modules/reviews/rules';
import { enrollments, programs, trainingCertifications } from './modules/programs/tables';
import { payoutItems, payouts, trainingPayments } from './modules/payments/tables';

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
  // Each trainer's newest published reviews, at most MAX_REVIEWS_LISTED each.
  publishedReviewsByTrainerId: newestPerKey(db, trainerReviews, {
    key: trainerReviews.trainerId,
    where: eq(trainerReviews.status, 'PUBLISHED'),
    order: [desc(trainerReviews.createdAt), desc(trainerReviews.id)],
    limit: MAX_REVIEWS_LISTED,
    name: 'training_published_reviews_by_trainer_id',
  }),
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
    petById: rowLoader(statements.petById, byId, isUuid),
    trainerById: rowLoader(statements.trainerById, byId, isUuid),
    trainingBookingById: rowLoader(statements.trainingBookingById, byId, isUuid),
    trainingBookingsByDogId: groupLoader(statements.trainingBookingsByDogId, (booking) => booking.dogId, isUuid),
    trainingBookingsByOwnerId: groupLoader(statements.trainingBookingsByOwnerId, (booking) => booking.ownerId, isUuid),
    bookingHistoryByBookingId: groupLoader(statements.bookingHistoryByBookingId, (change) => change.bookingId, isUuid),
    reviewByBookingId: rowLoader(statements.reviewByBookingId, (review) => review.bookingId, isUuid),
    publishedReviewsByTrainerId: groupLoader(statements.publishedReviewsByTrainerId, (review) => review.trainerId, isUuid),
    /** The trainer a token subject signs in as. */
    trainerByUserId: rowLoader(statements.trainerByUserId, (trainer) => trainer.userId),
    programById: rowLoader(statements.programById, byId, isUuid),
    programsByTrainerId: groupLoader(statements.programsByTrainerId, (program) => program.trainerId, isUuid),
    enrollmentById: rowLoader(statements.enrollmentById, byId, isUuid),
    enrollmentsByPetId: groupLoader(statements.enrollmentsByPetId, (enrollment) => enrollment.petId, isUuid),
    certificationByEnrollmentId: rowLoader(statements.certificationByEnrollmentId, (certification) => certification.enrollmentId, isUuid),
    placeById: rowLoader(statements.placeById, byId, isUuid),
    /** Every service of each trainer, active or not: the field decides who sees which. */
    servicesByTrainerId: groupLoader(statements.servicesByTrainerId, (service) => service.trainerId, isUuid),
    certificationsByTrainerId: groupLoader(statements.certificationsByTrainerId, (certification) => certification.trainerId, isUuid),
    availabilityByTrainerId: groupLoader(statements.availabilityByTrainerId, (window) => window.trainerId, isUuid),
    trainingPaymentById: rowLoader(statements.trainingPaymentById, byId, isUuid),
    payoutsByTrainerId: groupLoader(statements.payoutsByTrainerId, (payout) => payout.trainerId, isUuid),
    payoutItemsByPayoutId: groupLoader(statements.payoutItemsByPayoutId, (item) => item.payoutId, isUuid),
    /** The owner a token subject signs in as. */
    ownerByClerkId: rowLoader(statements.ownerByClerkId, (r) => r.clerkId!),
  };
}

export type TrainingLoaders = ReturnType<typeof createTrainingLoaders>;
