import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { check, index, integer, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { trainingSchema } from '../../db-schema';
import { bookings } from '../bookings/tables';
import { trainers } from '../trainers/tables';

/** The seed's payment statuses. */
export const trainingPaymentStatus = trainingSchema.enum('payment_status', ['PENDING', 'PAID', 'FAILED', 'REFUNDED']);

/**
 * An owner's payment for a booking, through a PaymentProvider (@psa/payments), in integer cents. The same owner's
 * idempotency key answers the first payment again instead of charging twice; a booking is paid once.
 */
export const trainingPayments = trainingSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    ownerId: uuid('owner_id').notNull(),
    idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: varchar('currency', { length: 3 }).notNull().default('USD'),
    provider: varchar('provider', { length: 30 }).notNull(),
    providerPaymentId: varchar('provider_payment_id', { length: 255 }),
    providerRefundId: varchar('provider_refund_id', { length: 255 }),
    status: trainingPaymentStatus('status').notNull().default('PENDING'),
    failureReason: text('failure_reason'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    /** Why it was given back (who did it is in the audit log). */
    refundReason: text('refund_reason'),
    ...timestamps(),
  },
  (t) => [
    index('payments_booking_id_idx').on(t.bookingId),
    index('payments_owner_id_idx').on(t.ownerId),
    uniqueIndex('payments_idempotency_key_idx').on(t.ownerId, t.idempotencyKey),
    // A booking is paid once: a failed attempt may be followed by another, nothing else may.
    uniqueIndex('payments_one_per_booking_idx')
      .on(t.bookingId)
      .where(sql`${t.status} <> 'FAILED'`),
    check('payments_amount', sql`${t.amountCents} > 0`),
    check('payments_refund_reason', sql`${t.status} <> 'REFUNDED' or ${t.refundReason} is not null`),
  ],
);

export const payoutStatus = trainingSchema.enum('payout_status', ['PENDING', 'PROCESSED']);

/**
 * What a trainer is paid: the sum of its items, each a completed, paid, unrefunded booking. A booking is in at
 * most one payout (the unique index on payout_items.booking_id), even when two payout runs overlap.
 */
export const payouts = trainingSchema.table(
  'payouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trainerId: uuid('trainer_id')
      .notNull()
      .references(() => trainers.id),
    amountCents: integer('amount_cents').notNull(),
    currency: varchar('currency', { length: 3 }).notNull().default('USD'),
    status: payoutStatus('status').notNull().default('PENDING'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payouts_trainer_id_idx').on(t.trainerId), check('payouts_amount', sql`${t.amountCents} >= 0`)],
);

export const payoutItems = trainingSchema.table(
  'payout_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    payoutId: uuid('payout_id')
      .notNull()
      .references(() => payouts.id),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => trainingPayments.id),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [uniqueIndex('payout_items_booking_id_idx').on(t.bookingId), index('payout_items_payout_id_idx').on(t.payoutId)],
);

export type TrainingPaymentRow = typeof trainingPayments.$inferSelect;
export type PayoutRow = typeof payouts.$inferSelect;
export type PayoutItemRow = typeof payoutItems.$inferSelect;
