import { and, desc, eq, notExists } from 'drizzle-orm';
import type { ChargeResult } from '@psa/payments';
import type { Db } from '@psa/db';
import { bookings, type TrainingBookingRow } from '../bookings/tables';
import { trainers } from '../trainers/tables';
import { payoutItems, payouts, trainingPayments, type PayoutRow, type TrainingPaymentRow } from './tables';

/** Every statement of the payments module; resolvers and rules call these with the request's transaction. */

/** The booking, share-locked so it cannot be cancelled while it is being paid for. */
export async function bookingForPayment(db: Db, bookingId: string): Promise<TrainingBookingRow | undefined> {
  const [booking] = await db.select().from(bookings).where(eq(bookings.id, bookingId)).for('share');
  return booking;
}

export async function paymentByKey(db: Db, ownerId: string, idempotencyKey: string): Promise<TrainingPaymentRow | undefined> {
  const [payment] = await db
    .select()
    .from(trainingPayments)
    .where(and(eq(trainingPayments.ownerId, ownerId), eq(trainingPayments.idempotencyKey, idempotencyKey)))
    .limit(1);
  return payment;
}

/** The PENDING payment, or undefined when the owner's key is already taken (a concurrent retry inserted first). */
export async function insertPendingPayment(
  db: Db,
  values: { bookingId: string; ownerId: string; idempotencyKey: string; amountCents: number; currency: string; provider: string },
): Promise<TrainingPaymentRow | undefined> {
  const [payment] = await db
    .insert(trainingPayments)
    .values({ ...values, status: 'PENDING' })
    .onConflictDoNothing({ target: [trainingPayments.ownerId, trainingPayments.idempotencyKey] })
    .returning();
  return payment;
}

export async function settlePayment(db: Db, paymentId: string, result: ChargeResult): Promise<TrainingPaymentRow> {
  const [settled] = await db
    .update(trainingPayments)
    .set(
      result.status === 'succeeded'
        ? { status: 'PAID' as const, providerPaymentId: result.providerPaymentId, paidAt: new Date() }
        : { status: 'FAILED' as const, failureReason: result.failureReason },
    )
    .where(eq(trainingPayments.id, paymentId))
    .returning();
  return settled!;
}

/** The payment, locked until the transaction ends: two refunds (or a refund and a payout run) take turns. */
export async function lockPayment(db: Db, paymentId: string): Promise<TrainingPaymentRow | undefined> {
  const [payment] = await db.select().from(trainingPayments).where(eq(trainingPayments.id, paymentId)).for('update');
  return payment;
}

export async function payoutIdHoldingPayment(db: Db, paymentId: string): Promise<string | undefined> {
  const [item] = await db.select({ payoutId: payoutItems.payoutId }).from(payoutItems).where(eq(payoutItems.paymentId, paymentId)).limit(1);
  return item?.payoutId;
}

export async function markRefunded(db: Db, paymentId: string, providerRefundId: string, reason: string): Promise<TrainingPaymentRow> {
  const [refunded] = await db
    .update(trainingPayments)
    .set({ status: 'REFUNDED', providerRefundId, refundReason: reason, refundedAt: new Date() })
    .where(eq(trainingPayments.id, paymentId))
    .returning();
  return refunded!;
}

export async function paymentsOfOwner(db: Db, ownerId: string): Promise<TrainingPaymentRow[]> {
  return db.select().from(trainingPayments).where(eq(trainingPayments.ownerId, ownerId)).orderBy(desc(trainingPayments.createdAt), desc(trainingPayments.id));
}

/** Locks the trainer's row: payout runs for one trainer take turns, so the second sees the first's items. */
export async function lockTrainer(db: Db, trainerId: string): Promise<boolean> {
  const rows = await db.select({ id: trainers.id }).from(trainers).where(eq(trainers.id, trainerId)).for('update');
  return rows.length > 0;
}

export interface PayableBooking {
  bookingId: string;
  paymentId: string;
  amountCents: number;
  currency: string;
}

/**
 * The trainer's COMPLETED bookings with a PAID payment in no payout yet. The payments (and their bookings) are
 * locked and their status read again once locked, so a refund committed meanwhile drops out, and a refund arriving
 * later waits for this payout and then finds the payment in it. (Drizzle writes `for update of` with the schema,
 * which PostgreSQL refuses, so both tables of the join are locked.)
 */
export async function payableBookings(db: Db, trainerId: string): Promise<PayableBooking[]> {
  return db
    .select({ bookingId: bookings.id, paymentId: trainingPayments.id, amountCents: trainingPayments.amountCents, currency: trainingPayments.currency })
    .from(trainingPayments)
    .innerJoin(bookings, eq(bookings.id, trainingPayments.bookingId))
    .where(
      and(
        eq(bookings.trainerId, trainerId),
        eq(bookings.status, 'COMPLETED'),
        eq(trainingPayments.status, 'PAID'),
        notExists(db.select({ id: payoutItems.id }).from(payoutItems).where(eq(payoutItems.bookingId, bookings.id))),
      ),
    )
    .orderBy(bookings.id)
    .for('update');
}

export async function insertPayout(db: Db, trainerId: string, currency: string, items: PayableBooking[]): Promise<PayoutRow> {
  const amountCents = items.reduce((sum, item) => sum + item.amountCents, 0);
  const [payout] = await db.insert(payouts).values({ trainerId, amountCents, currency }).returning();
  await db.insert(payoutItems).values(items.map(({ bookingId, paymentId, amountCents }) => ({ payoutId: payout!.id, bookingId, paymentId, amountCents })));
  return payout!;
}

/** PENDING → PROCESSED in one guarded statement; undefined when the payout is missing or not PENDING. */
export async function markPayoutProcessed(db: Db, payoutId: string): Promise<PayoutRow | undefined> {
  const [payout] = await db
    .update(payouts)
    .set({ status: 'PROCESSED', processedAt: new Date() })
    .where(and(eq(payouts.id, payoutId), eq(payouts.status, 'PENDING')))
    .returning();
  return payout;
}

export async function payoutById(db: Db, payoutId: string): Promise<PayoutRow | undefined> {
  const [payout] = await db.select().from(payouts).where(eq(payouts.id, payoutId)).limit(1);
  return payout;
}
