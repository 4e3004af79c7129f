import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { notify } from '@psa/subgraph-kit';
import type { TrainingContext } from '../../context';
import { notifications } from '../../notifications';
import { ownerCopies } from '../core-copies/tables';
import { trainers } from '../trainers/tables';
import type { TrainingBookingRow } from './tables';

/** Who hears of a change: the booking's owner (by the subject their copy signs in as) or its trainer. */
type Party = 'owner' | 'trainer';

/** What each booking change tells the other side, written in the change's transaction (the kit's notifications). */
const NOTICES = {
  BOOKING_REQUESTED: { to: 'trainer', message: (b: TrainingBookingRow) => `A session was requested for ${b.startTime.toISOString()}` },
  BOOKING_ACCEPTED: { to: 'owner', message: (b: TrainingBookingRow) => `Your session on ${b.startTime.toISOString()} was accepted` },
  BOOKING_DECLINED: { to: 'owner', message: (b: TrainingBookingRow) => `Your session on ${b.startTime.toISOString()} was declined: ${b.cancellationReason}` },
  BOOKING_COMPLETED: { to: 'owner', message: (b: TrainingBookingRow) => `Your session on ${b.startTime.toISOString()} is complete: you may review it` },
} as const satisfies Record<string, { to: Party; message: (b: TrainingBookingRow) => string }>;

async function subjectOf(ctx: TrainingContext, booking: TrainingBookingRow, party: Party): Promise<string | null> {
  if (party === 'trainer') return (await ctx.loaders.trainerById.load(booking.trainerId))?.userId ?? null;
  const [owner] = await ctx.db.select({ clerkId: ownerCopies.clerkId }).from(ownerCopies).where(eq(ownerCopies.id, booking.ownerId));
  return owner?.clerkId ?? null;
}

async function tell(ctx: TrainingContext, booking: TrainingBookingRow, party: Party, type: string, message: string): Promise<void> {
  const userId = await subjectOf(ctx, booking, party);
  // An owner erased since booking has no subject left to tell.
  if (userId) await notify(ctx.db, notifications, [{ userId, type, message }]);
}

export async function announce(ctx: TrainingContext, booking: TrainingBookingRow, type: keyof typeof NOTICES): Promise<TrainingBookingRow> {
  const notice = NOTICES[type];
  await tell(ctx, booking, notice.to, type, notice.message(booking));
  return booking;
}

const cancellationNotice = (booking: TrainingBookingRow) => `The session on ${booking.startTime.toISOString()} was cancelled: ${booking.cancellationReason}`;

/** A cancellation is told to the side that did not cancel. */
export async function announceCancellation(ctx: TrainingContext, booking: TrainingBookingRow, bySubject: string): Promise<TrainingBookingRow> {
  const trainer = await ctx.loaders.trainerById.load(booking.trainerId);
  const to: Party = trainer?.userId === bySubject ? 'owner' : 'trainer';
  await tell(ctx, booking, to, 'BOOKING_CANCELLED', cancellationNotice(booking));
  return booking;
}

/** Sessions cancelled because their dog is gone (cancelGonePetBookings): each trainer hears of theirs. */
export async function announceGoneDogCancellations(tx: Db, cancelled: TrainingBookingRow[]): Promise<void> {
  if (cancelled.length === 0) return;
  const trainerIds = [...new Set(cancelled.map((b) => b.trainerId))];
  const subjects = new Map(
    (await tx.select({ id: trainers.id, userId: trainers.userId }).from(trainers).where(inArray(trainers.id, trainerIds))).map((t) => [t.id, t.userId]),
  );
  await notify(
    tx,
    notifications,
    cancelled.map((b) => ({ userId: subjects.get(b.trainerId)!, type: 'BOOKING_CANCELLED', message: cancellationNotice(b) })),
  );
}
