import { chargeOnce, looksLikeCardNumber } from '@psa/payments';
import { isUniqueViolation } from '@psa/db';
import { assertTransition, badInput, conflict, forbidden, isUuid, notFound, requiredText, type TransitionTable, requireViewerOwnerId } from '@psa/subgraph-kit';
import type { TrainingContext } from '../../context';
import type { BookingStatus } from '../bookings/tables';
import { paymentAccess } from './access';
import { paymentProvider } from './provider';
import {
  bookingForPayment,
  insertPayout,
  insertPendingPayment,
  lockPayment,
  lockTrainer,
  markPayoutProcessed,
  markRefunded,
  payableBookings,
  paymentByKey,
  payoutById,
  payoutIdHoldingPayment,
  settlePayment,
} from './store';
import type { PayoutRow, TrainingPaymentRow } from './tables';

type PaymentStatus = TrainingPaymentRow['status'];
type PayoutStatus = PayoutRow['status'];

/** A payment is settled once by the provider's answer; only a PAID one is given back. */
export const PAYMENT_TRANSITIONS: TransitionTable<PaymentStatus> = {
  PENDING: ['PAID', 'FAILED'],
  PAID: ['REFUNDED'],
  FAILED: [],
  REFUNDED: [],
};

export const PAYOUT_TRANSITIONS: TransitionTable<PayoutStatus> = { PENDING: ['PROCESSED'], PROCESSED: [] };

/** A session is paid for once the trainer has accepted it, before or after it took place. */
const PAYABLE_BOOKING: readonly BookingStatus[] = ['ACCEPTED', 'COMPLETED'];

export interface PayForBookingInput {
  bookingId: string;
  providerToken: string;
  idempotencyKey: string;
}

/** The booking's owner pays its price snapshot, at most once per idempotency key (see chargeOnce). */
export async function payForBooking(ctx: TrainingContext, input: PayForBookingInput): Promise<TrainingPaymentRow> {
  const ownerId = await requireViewerOwnerId(ctx);
  const idempotencyKey = requiredText('input.idempotencyKey', input.idempotencyKey, 100);
  const token = requiredText('input.providerToken', input.providerToken, 255);
  if (looksLikeCardNumber(token)) throw badInput('input.providerToken', 'looks like a card number: send the provider’s token (tok_...), never the number');
  // Someone else's booking is answered as a missing one: its existence is not theirs to learn.
  const booking = isUuid(input.bookingId) ? await bookingForPayment(ctx.db, input.bookingId) : undefined;
  if (!booking || booking.ownerId !== ownerId) throw notFound('TrainingBooking', input.bookingId);
  const { payment, replayed } = await chargeOnce({
    provider: paymentProvider,
    findByKey: () => paymentByKey(ctx.db, ownerId, idempotencyKey),
    createPending: async () => {
      if (!PAYABLE_BOOKING.includes(booking.status))
        throw badInput('input.bookingId', `booking ${booking.id} is ${booking.status}: only ${PAYABLE_BOOKING.join(' or ')} bookings are paid for`);
      if (booking.priceSnapshotCents <= 0) throw badInput('input.bookingId', `booking ${booking.id} is free: there is nothing to pay`);
      try {
        const pending = await insertPendingPayment(ctx.db, {
          bookingId: booking.id,
          ownerId,
          idempotencyKey,
          amountCents: booking.priceSnapshotCents,
          currency: booking.currency,
          provider: paymentProvider.name,
        });
        return pending && { payment: pending, token };
      } catch (error) {
        if (isUniqueViolation(error) === 'payments_one_per_booking_idx')
          throw conflict('input.bookingId', `booking ${booking.id} is already paid (or being paid) by another payment`);
        throw error;
      }
    },
    settle: (pending, result) => settlePayment(ctx.db, pending.id, result),
  });
  if (replayed && payment.bookingId !== booking.id)
    throw conflict('input.idempotencyKey', `was used for the payment of booking ${payment.bookingId}; use a new key for another booking`);
  return payment;
}

/**
 * Gives all of a PAID payment back, through the provider. The payment row is locked first, so of two refunds at
 * once the second finds it REFUNDED; nothing is written unless the provider refunded.
 */
export async function refundPayment(ctx: TrainingContext, paymentId: string, reasonText: string): Promise<TrainingPaymentRow> {
  ctx.viewer.requireSubject();
  const reason = requiredText('reason', reasonText, 1000);
  const payment = isUuid(paymentId) ? await lockPayment(ctx.db, paymentId) : undefined;
  const access = payment ? await paymentAccess(ctx, payment) : null;
  if (!payment || access === null) throw notFound('TrainingPayment', paymentId);
  if (access === 'owner') throw forbidden('only admins and the booking’s trainer refund a payment');
  assertTransition(PAYMENT_TRANSITIONS, 'paymentId', `payment ${payment.id}`, payment.status, 'REFUNDED');
  // CONFLICT, not BAD_USER_INPUT: the payment itself may be refunded; another record, the payout, already paid it on.
  const payoutId = await payoutIdHoldingPayment(ctx.db, payment.id);
  if (payoutId) throw conflict('paymentId', `payment ${payment.id} is in payout ${payoutId}: the trainer has been paid for it, so it cannot be given back`);
  const result = await paymentProvider.refund({
    providerPaymentId: payment.providerPaymentId!,
    amountCents: payment.amountCents,
    idempotencyKey: `${payment.id}:refund`,
  });
  if (result.status === 'failed') throw conflict('paymentId', `the provider refused the refund: ${result.failureReason}`);
  return markRefunded(ctx.db, payment.id, result.providerRefundId, reason);
}

/**
 * One PENDING payout of everything payable to the trainer, or null when nothing is. The trainer's row is locked
 * first so runs take turns; the unique index on payout_items.booking_id is the backstop.
 */
export async function runPayout(ctx: TrainingContext, trainerId: string): Promise<PayoutRow | null> {
  if (!isUuid(trainerId) || !(await lockTrainer(ctx.db, trainerId))) throw notFound('Trainer', trainerId);
  const items = await payableBookings(ctx.db, trainerId);
  if (items.length === 0) return null;
  const currencies = [...new Set(items.map((item) => item.currency))];
  if (currencies.length > 1) throw conflict('trainerId', `payable bookings are in ${currencies.join(' and ')}: a payout is in one currency`);
  return insertPayout(ctx.db, trainerId, currencies[0]!, items);
}

export async function processPayout(ctx: TrainingContext, payoutId: string): Promise<PayoutRow> {
  const processed = isUuid(payoutId) ? await markPayoutProcessed(ctx.db, payoutId) : undefined;
  if (processed) return processed;
  const payout = isUuid(payoutId) ? await payoutById(ctx.db, payoutId) : undefined;
  if (!payout) throw notFound('Payout', payoutId);
  assertTransition(PAYOUT_TRANSITIONS, 'id', `payout ${payout.id}`, payout.status, 'PROCESSED');
  return payout;
}
