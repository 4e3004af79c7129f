import { forbidden, loadOrNotFound, notFound } from '@psa/subgraph-kit';
import type { TrainingContext } from '../../context';
import type { TrainerRow } from './tables';

/** The token role of trainers: they manage their own profile. */
export const TRAINER_ROLE = 'trainer';

/** The trainer themself or an admin: they see the private parts of a profile (its street address, its user id). */
export function managesTrainer(ctx: TrainingContext, trainer: Pick<TrainerRow, 'userId'>): boolean {
  return ctx.viewer.isAdmin || (ctx.viewer.subject !== null && ctx.viewer.subject === trainer.userId);
}

/**
 * The profile a write acts on: `trainerId` when given (the viewer's own, or any for an admin), else the viewer's own.
 * A trainer naming another trainer's profile is FORBIDDEN (profiles are public, so there is nothing to hide).
 */
export async function trainerToManage(ctx: TrainingContext, trainerId: string | null | undefined, action: string): Promise<TrainerRow> {
  const subject = ctx.viewer.requireSubject();
  if (!ctx.viewer.isAdmin && !ctx.viewer.hasRole(TRAINER_ROLE)) throw forbidden(`only trainers and admins may ${action}`);
  if (trainerId === null || trainerId === undefined) {
    const own = await ctx.loaders.trainerByUserId.load(subject);
    if (!own) throw notFound('Trainer', `of user ${subject}`);
    return own;
  }
  const trainer = await loadOrNotFound(ctx.loaders.trainerById, trainerId, 'Trainer');
  if (!managesTrainer(ctx, trainer)) throw forbidden(`a trainer may ${action} only on their own profile, not on trainer ${trainerId}`);
  return trainer;
}

export function assertAdmin(ctx: TrainingContext, action: string): void {
  ctx.viewer.requireSubject();
  if (!ctx.viewer.isAdmin) throw forbidden(`only admins may ${action}`);
}
