import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { healthcareSchema } from '../../db-schema';
import { appointments } from '../booking/tables';

/** A stored way to pay: the provider's token for a card or account, never its number. `user_id` is core's owner id. */
export const paymentMethods = healthcareSchema.table(
  'payment_methods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    provider: varchar('provider', { length: 30 }).notNull(),
    providerToken: varchar('provider_token', { length: 255 }).notNull(),
    cardLast4: varchar('card_last4', { length: 4 }),
    cardBrand: varchar('card_brand', { length: 20 }),
    cardExpMonth: smallint('card_exp_month'),
    cardExpYear: smallint('card_exp_year'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('idx_payment_methods_user').on(t.userId),
    // One default per owner.
    uniqueIndex('payment_methods_one_default')
      .on(t.userId)
      .where(sql`${t.isDefault} and ${t.deletedAt} is null`),
  ],
);

export const paymentStatus = healthcareSchema.enum('payment_status', ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED']);

/**
 * A charge for an appointment, in integer cents. `idempotency_key` is the client's: the same key for the same owner
 * answers the first payment again instead of charging twice. A refund never exceeds what was paid (the check).
 */
export const payments = healthcareSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    userId: uuid('user_id').notNull(),
    paymentMethodId: uuid('payment_method_id').references(() => paymentMethods.id),
    idempotencyKey: varchar('idempotency_key', { length: 100 }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: varchar('currency', { length: 3 }).notNull().default('USD'),
    status: paymentStatus('status').notNull(),
    provider: varchar('provider', { length: 30 }).notNull(),
    providerPaymentId: varchar('provider_payment_id', { length: 255 }),
    providerRefundId: varchar('provider_refund_id', { length: 255 }),
    refundAmountCents: integer('refund_amount_cents').notNull().default(0),
    failureReason: text('failure_reason'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('idx_payments_appointment').on(t.appointmentId),
    index('idx_payments_user').on(t.userId),
    index('idx_payments_status').on(t.status),
    uniqueIndex('payments_idempotency_key').on(t.userId, t.idempotencyKey),
    // An appointment is paid once: a failed attempt may be followed by another, nothing else may.
    uniqueIndex('payments_one_per_appointment')
      .on(t.appointmentId)
      .where(sql`${t.status} <> 'FAILED'`),
    check('payments_amount_positive', sql`${t.amountCents} > 0`),
    check('payments_refund_within_amount', sql`${t.refundAmountCents} between 0 and ${t.amountCents}`),
  ],
);

export type PaymentMethodRow = typeof paymentMethods.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
