import { forbidden, viewerOwnerId } from '@psa/subgraph-kit';
import type { TrainingContext } from '../../context';
import type { TrainerRow } from '../trainers/tables';
import type { TrainingPaymentRow } from './tables';

export const TRAINER_ROLE = 'trainer';

/** The trainer the viewer signs in as: a token with the trainer role whose subject has a profile. */
export async function viewerTrainer(ctx: TrainingContext): Promise<TrainerRow | null> {
  if (!ctx.viewer.subject || !ctx.viewer.hasRole(TRAINER_ROLE)) return null;
  return ctx.loaders.trainerByUserId.load(ctx.viewer.subject);
}

export type PaymentAccess = 'admin' | 'owner' | 'trainer' | null;

/** Who the viewer is to a payment: admins; the booking's owner; the booking's trainer; anyone else sees nothing. */
export async function paymentAccess(ctx: TrainingContext, payment: TrainingPaymentRow): Promise<PaymentAccess> {
  if (!ctx.viewer.subject) return null;
  if (ctx.viewer.isAdmin) return 'admin';
  if ((await viewerOwnerId(ctx)) === payment.ownerId) return 'owner';
  const [trainer, booking] = await Promise.all([viewerTrainer(ctx), ctx.loaders.trainingBookingById.load(payment.bookingId)]);
  return trainer !== null && booking?.trainerId === trainer.id ? 'trainer' : null;
}

/** The trainer's payouts are theirs and admins' to see. */
export async function maySeePayoutsOf(ctx: TrainingContext, trainerId: string): Promise<boolean> {
  if (ctx.viewer.isAdmin) return true;
  return (await viewerTrainer(ctx))?.id === trainerId;
}

export function requireAdmin(ctx: TrainingContext, action: string): void {
  ctx.viewer.requireSubject();
  if (!ctx.viewer.isAdmin) throw forbidden(`only admins may ${action}`);
}
