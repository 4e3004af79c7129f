import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { byId, groupLoader, isAnyKey, isUuid, newestPerKey, preparedStatements, rowLoader, rowsByKey } from '@psa/subgraph-kit';
import { ownerCopies, petCopies } from './modules/core-copies/tables';
import { locations, trainerAvailability, trainerCertifications, trainers, trainerServices } from './modules/trainers/tables';
import { bookings, bookingStatusHistory } from './modules/bookings/tables';
import { trainerReviews } from './modules/reviews/tables';
import { MAX_REVIEWS_LISTED } from './modules/reviews/rules';
import { enrollments, programs, trainingCertifications } from './modules/programs/tables';
import { payoutItems, payouts, trainingPayments } from './modules/payments/tables';

/** One statement per loader, prepared once per database handle; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  petById: rowsByKey(db, petCopies, { key: petCopies.id, name: 'training_pet_by_id' }),
  trainerById: rowsByKey(db, trainers, { key: trainers.id, name: 'training_trainer_by_id' }),
  trainingBookingById: rowsByKey(db, bookings, { key: bookings.id, name: 'training_booking_by_id' }),
  trainingBookingsByDogId: rowsByKey(db, bookings, {
    key: bookings.dogId,
    order: [desc(bookings.startTime), desc(bookings.id)],
    name: 'training_bookings_by_dog_id',
  }),
  trainingBookingsByOwnerId: rowsByKey(db, bookings, {
    key: bookings.ownerId,
    order: [desc(bookings.startTime), desc(bookings.id)],
    name: 'training_bookings_by_owner_id',
  }),
  bookingHistoryByBookingId: rowsByKey(db, bookingStatusHistory, {
    key: bookingStatusHistory.bookingId,
    order: [asc(bookingStatusHistory.createdAt), asc(bookingStatusHistory.id)],
    name: 'training_booking_history_by_booking_id',
  }),
  reviewByBookingId: rowsByKey(db, trainerReviews, { key: trainerReviews.bookingId, name: 'training_review_by_booking_id' }),
  // Each trainer's newest published reviews, at most MAX_REVIEWS_LISTED each.
  publishedReviewsByTrainerId: newestPerKey(db, trainerReviews, {
    key: trainerReviews.trainerId,
    where: eq(trainerReviews.status, 'PUBLISHED'),
    order: [desc(trainerReviews.createdAt), desc(trainerReviews.id)],
    limit: MAX_REVIEWS_LISTED,
    name: 'training_published_reviews_by_trainer_id',
  }),
  trainerByUserId: rowsByKey(db, trainers, { key: trainers.userId, name: 'training_trainer_by_user_id' }),
  programById: rowsByKey(db, programs, { key: programs.id, name: 'training_program_by_id' }),
  programsByTrainerId: rowsByKey(db, programs, {
    key: programs.trainerId,
    order: [asc(programs.startDate), asc(programs.id)],
    name: 'training_programs_by_trainer_id',
  }),
  enrollmentById: rowsByKey(db, enrollments, { key: enrollments.id, name: 'training_enrollment_by_id' }),
  enrollmentsByPetId: rowsByKey(db, enrollments, {
    key: enrollments.petId,
    order: [desc(enrollments.enrolledAt), desc(enrollments.id)],
    name: 'training_enrollments_by_pet_id',
  }),
  certificationByEnrollmentId: rowsByKey(db, trainingCertifications, {
    key: trainingCertifications.enrollmentId,
    name: 'training_certification_by_enrollment_id',
  }),
  placeById: rowsByKey(db, locations, { key: locations.id, name: 'training_place_by_id' }),
  servicesByTrainerId: rowsByKey(db, trainerServices, {
    key: trainerServices.trainerId,
    order: [asc(trainerServices.createdAt), asc(trainerServices.id)],
    name: 'training_services_by_trainer_id',
  }),
  certificationsByTrainerId: rowsByKey(db, trainerCertifications, {
    key: trainerCertifications.trainerId,
    order: [desc(trainerCertifications.issuedAt), asc(trainerCertifications.id)],
    name: 'training_certifications_by_trainer_id',
  }),
  availabilityByTrainerId: rowsByKey(db, trainerAvailability, {
    key: trainerAvailability.trainerId,
    order: [asc(trainerAvailability.dayOfWeek), asc(trainerAvailability.startTime)],
    name: 'training_availability_by_trainer_id',
  }),
  trainingPaymentById: rowsByKey(db, trainingPayments, { key: trainingPayments.id, name: 'training_payment_by_id' }),
  payoutsByTrainerId: rowsByKey(db, payouts, {
    key: payouts.trainerId,
    order: [desc(payouts.createdAt), desc(payouts.id)],
    name: 'training_payouts_by_trainer_id',
  }),
  payoutItemsByPayoutId: rowsByKey(db, payoutItems, { key: payoutItems.payoutId, order: [payoutItems.bookingId], name: 'training_payout_items_by_payout_id' }),
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
