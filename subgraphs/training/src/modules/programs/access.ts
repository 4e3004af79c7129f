import { forbidden } from '@psa/subgraph-kit';
import type { TrainingContext } from '../../context';
import type { TrainerRow } from '../trainers/tables';
import type { TrainingProgramRow } from './tables';

/** The token role of the marketplace's trainers; their profile is the trainer whose user_id is the token subject. */
export const TRAINER_ROLE = 'trainer';

/** The trainer profile the viewer signs in as, when they hold the trainer role; null otherwise. */
export async function viewerTrainer(ctx: TrainingContext): Promise<TrainerRow | null> {
  const subject = ctx.viewer.requireSubject();
  if (!ctx.viewer.hasRole(TRAINER_ROLE)) return null;
  return ctx.loaders.trainerByUserId.load(subject);
}

/** The viewer's trainer profile, or FORBIDDEN: `action` is for trainers. */
export async function requireViewerTrainer(ctx: TrainingContext, action: string): Promise<TrainerRow> {
  const trainer = await viewerTrainer(ctx);
  if (!trainer) throw forbidden(`only trainers (token role ${TRAINER_ROLE}, with a trainer profile) may ${action}`);
  return trainer;
}

/** Whether the viewer runs the program: its trainer, signed in as such. */
export async function runsProgram(ctx: TrainingContext, program: TrainingProgramRow): Promise<boolean> {
  if (!ctx.viewer.subject) return false;
  return (await viewerTrainer(ctx))?.id === program.trainerId;
}

/** FORBIDDEN unless the viewer is the program's trainer or an admin. */
export async function assertRunsProgram(ctx: TrainingContext, program: TrainingProgramRow, action: string): Promise<void> {
  ctx.viewer.requireSubject();
  if (ctx.viewer.isAdmin || (await runsProgram(ctx, program))) return;
  throw forbidden(`only the trainer of program ${program.id} and admins may ${action}`);
}

/** DRAFT programs are the trainer's own until they are offered: others (and anonymous readers) do not see them. */
export async function mayReadProgram(ctx: TrainingContext, program: TrainingProgramRow): Promise<boolean> {
  if (program.status !== 'DRAFT') return true;
  return ctx.viewer.isAdmin || (await runsProgram(ctx, program));
}
