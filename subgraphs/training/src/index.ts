import { join } from 'node:path';
import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import { createSubgraph } from '@psa/subgraph-kit';
import { TRAINING_TOPIC_SPECS } from '@psa/events';
import { auditLog } from './audit';
import { notifications } from './notifications';
import { createTrainingLoaders } from './loaders';
import { trainersModule } from './modules/trainers/resolvers';
import { bookingsModule } from './modules/bookings/resolvers';
import { reviewsModule } from './modules/reviews/resolvers';
import { bookings, bookingStatusHistory } from './modules/bookings/tables';
import { trainerReviews } from './modules/reviews/tables';
import { recomputeRatingsAfterErasure } from './modules/reviews/store';
import { programsModule } from './modules/programs/resolvers';
import { enrollments, trainingCertifications } from './modules/programs/tables';
import { trainingOutbox } from './outbox';
import { paymentsModule } from './modules/payments/resolvers';
import { payoutItems, payouts, trainingPayments } from './modules/payments/tables';
import { locations, trainers } from './modules/trainers/tables';
import { trainingChecks } from './modules/core-copies/checks';
import { petProjection, ownerProjection } from './modules/core-copies/projections';
import { ownerCopies, petCopies } from './modules/core-copies/tables';

export const training = createSubgraph({
  name: 'training',
  modules: [trainersModule, bookingsModule, reviewsModule, programsModule, paymentsModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createTrainingLoaders(db),
  audit: auditLog,
  // Booking and payout news for owners and trainers, read as trainingNotifications (the kit's mechanism).
  notifications,
  // What this division holds of an owner: exported on request, deleted on erasure (README, Privacy). Declare every
  // table that does; `erase: { keep: 'health records' }` keeps what the law keeps.
  // In reverse order on erasure: reviews before the bookings they refer to, certificates before their enrollments.
  ownerData: [
    // A booking is a transaction (its price, 7 years); beyond the owner's and dog's ids it holds the owner's notes.
    { table: bookings, rows: (o) => eq(bookings.ownerId, o.ownerId), erase: { keep: 'transactions', anonymise: { notes: null } } },
    {
      table: bookingStatusHistory,
      rows: (o) => eq(bookingStatusHistory.changedBy, o.clerkId),
      erase: { keep: 'transactions', anonymise: { changedBy: null } },
    },
    // Deleted; the trainers they rated are rated again from the reviews left.
    { table: trainerReviews, rows: (o) => eq(trainerReviews.ownerId, o.ownerId), afterErase: recomputeRatingsAfterErasure },
    // Payments are transactions (7 years); they hold no personal data beyond the owner's id.
    { table: trainingPayments, rows: (o) => eq(trainingPayments.ownerId, o.ownerId), erase: { keep: 'transactions' } },
    // An enrollment is a course bought (its price is the program's): a transaction, kept 7 years. Deleting an
    // ENROLLED one would also leave its program's enrolled_count counting a seat nobody holds. It names no one but
    // by core's ids.
    { table: enrollments, rows: (o) => inArray(enrollments.petId, o.petIds), erase: { keep: 'transactions' } },
    // A certificate is neither a transaction nor a health record, and licensure deletes the pet's certification it
    // became on erasure: the school's copy goes too, or it would keep what the registry forgot.
    { table: trainingCertifications, rows: (o) => inArray(trainingCertifications.petId, o.petIds) },
    // The address an owner saved for search; a trainer's base (the same table) belongs to their trainer profile.
    {
      table: locations,
      rows: (o) => and(eq(locations.userId, o.clerkId), notExists(sql`(select 1 from ${trainers} t where t.location_id = ${locations.id})`))!,
    },
    // Copies: core's events of the erasure turn them into tombstones.
    { table: ownerCopies, rows: (o) => eq(ownerCopies.id, o.ownerId), erase: 'copy' },
    { table: petCopies, rows: (o) => inArray(petCopies.id, o.petIds), erase: 'copy' },
  ],
  retention: [
    // Transactions, 7 years. A payout's items go with their payout, and a payment or payout is kept while an item
    // still refers to it, so the oldest go in the order their references allow.
    {
      kind: 'transactions',
      table: payoutItems,
      from: sql`(select ${payouts.createdAt} from ${payouts} where ${payouts.id} = ${payoutItems.payoutId})`,
    },
    {
      kind: 'transactions',
      table: trainingPayments,
      from: trainingPayments.createdAt,
      keepWhile: sql`exists (select 1 from ${payoutItems} where ${payoutItems.paymentId} = ${trainingPayments.id})`,
    },
    {
      kind: 'transactions',
      table: payouts,
      from: payouts.createdAt,
      keepWhile: sql`exists (select 1 from ${payoutItems} where ${payoutItems.payoutId} = ${payouts.id})`,
    },
    // A booking's history goes with it, dated by the booking; a booking stays while a review or a payment names it.
    {
      kind: 'transactions',
      table: bookingStatusHistory,
      from: sql`(select b.created_at from training.bookings b where b.id = ${bookingStatusHistory.bookingId})`,
      keepWhile: sql`exists (select 1 from training.reviews r where r.booking_id = ${bookingStatusHistory.bookingId})`,
    },
    {
      kind: 'transactions',
      table: bookings,
      from: bookings.createdAt,
      keepWhile: sql`exists (select 1 from training.reviews r where r.booking_id = ${bookings.id}) or exists (select 1 from ${trainingPayments} where ${trainingPayments.bookingId} = ${bookings.id})`,
    },
    // 7 years from when the enrollment ended; never one still running, nor one whose certificate is still held.
    {
      kind: 'transactions',
      table: enrollments,
      from: sql`coalesce(${enrollments.completedAt}, ${enrollments.withdrawnAt}, ${enrollments.enrolledAt})`,
      keepWhile: sql`${enrollments.status} = 'ENROLLED' or exists (select 1 from training.training_certifications c where c.enrollment_id = ${enrollments.id})`,
    },
  ],
  // Copies of core's aggregates for its own rules, kept current from core's events; `pnpm reconcile training` checks them.
  copies: [
    { aggregate: 'pet', source: { subgraph: 'core', table: 'core.pets' }, copy: 'training.pet_copies' },
    { aggregate: 'owner', source: { subgraph: 'core', table: 'core.owners' }, copy: 'training.owner_copies' },
  ],
  // Rules derived from the copies, verified by `pnpm reconcile training` beside the versions.
  checks: trainingChecks,
  events: {
    // Certificates dogs earned in programs, for licensure's certification records (never a call).
    publishes: { outbox: trainingOutbox, topics: TRAINING_TOPIC_SPECS },
    consumes: [petProjection, ownerProjection],
  },
});
