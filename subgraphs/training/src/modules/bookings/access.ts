import { forbidden, loadOrNotFound, viewerOwnerId } from '@psa/subgraph-kit';
import type { TrainingContext } from '../../context';
import type { TrainingBookingRow } from './tables';

/** The token role trainers sign in with (their subject is training.trainers.user_id). */
export const TRAINER_ROLE = 'trainer';

export type BookingAccess = 'owner' | 'trainer' | 'admin' | null;

/**
 * Who the viewer is to a booking: admin, its owner (core's owner the token signs in as), or its trainer (the
 * trainer role and the trainer profile's own subject). The same rule answers every read and every change.
 */
export async function accessTo(ctx: TrainingContext, booking: TrainingBookingRow): Promise<BookingAccess> {
  if (!ctx.viewer.subject) return null;
  if (ctx.viewer.isAdmin) return 'admin';
  if ((await viewerOwnerId(ctx)) === booking.ownerId) return 'owner';
  if (ctx.viewer.hasRole(TRAINER_ROLE)) {
    const trainer = await ctx.loaders.trainerById.load(booking.trainerId);
    if (trainer?.userId === ctx.viewer.subject) return 'trainer';
  }
  return null;
}

/** The booking and who the viewer is to it: NOT_FOUND when there is none, FORBIDDEN when it is not the viewer's. */
export async function visibleBooking(ctx: TrainingContext, id: string): Promise<{ booking: TrainingBookingRow; access: Exclude<BookingAccess, null> }> {
  ctx.viewer.requireSubject();
  const booking = await loadOrNotFound(ctx.loaders.trainingBookingById, id, 'TrainingBooking');
  const access = await accessTo(ctx, booking);
  if (!access) throw forbidden(`booking ${id} is neither yours nor booked with you`);
  return { booking, access };
}

/** The booking when the viewer is one of `allowed` to it; FORBIDDEN saying who may `action` otherwise. */
export async function bookingFor(
  ctx: TrainingContext,
  id: string,
  allowed: readonly Exclude<BookingAccess, null>[],
  action: string,
): Promise<{ booking: TrainingBookingRow; access: Exclude<BookingAccess, null> }> {
  const visible = await visibleBooking(ctx, id);
  if (!allowed.includes(visible.access)) throw forbidden(`only the booking's ${allowed.join(' or ')} may ${action}`);
  return visible;
}
