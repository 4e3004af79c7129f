import { and, asc, eq, ne, sql } from 'drizzle-orm';
import {
  assertAlive,
  assertPetOwnerOr,
  badInput,
  conflict,
  coreEntityField,
  existingPet,
  forbidden,
  loadOrNotFound,
  loadTypeDefs,
  notFound,
  petCopy,
  petOf,
  type SubgraphModule,
} from '@psa/subgraph-kit';
import type { TrainingContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { assertRunsProgram, mayReadProgram, requireViewerTrainer } from './access';
import { issueCertification } from './publish';
import * as rules from './rules';
import { changeEnrollmentStatus, changeProgramStatus, enrollmentsOf, releaseSeats, takeSeat } from './store';
import { enrollments, programs, type TrainingEnrollmentRow, type TrainingProgramRow } from './tables';

const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

/** The enrollment and its program, for the program's trainer (or an admin) to act on. */
async function enrollmentToRun(ctx: TrainingContext, enrollmentId: string, action: string) {
  const enrollment = await loadOrNotFound(ctx.loaders.enrollmentById, enrollmentId, 'TrainingEnrollment');
  const program = (await ctx.loaders.programById.load(enrollment.programId))!;
  await assertRunsProgram(ctx, program, action);
  return { enrollment, program };
}

function assertGrading(program: TrainingProgramRow, action: string): void {
  if (!rules.GRADING_STATUSES.includes(program.status))
    throw badInput('enrollmentId', `program ${program.id} is ${program.status}: ${action} once it is ${rules.GRADING_STATUSES.join(' or ')}`);
}

export const programsModule: SubgraphModule = {
  name: 'programs',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      trainingProgram: async (_, { id }, ctx) => {
        const program = await ctx.loaders.programById.load(id);
        return program && (await mayReadProgram(ctx, program)) ? program : null;
      },
      trainingPrograms: async (_, { status, first }, ctx) => {
        const limit = first ?? DEFAULT_PAGE;
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw badInput('first', `must be from 1 to ${MAX_PAGE}, got ${limit}`);
        if (status === 'DRAFT' && !ctx.viewer.isAdmin) throw badInput('status', 'DRAFT programs are listed to their trainers only (Trainer.programs)');
        return ctx.db
          .select()
          .from(programs)
          .where(status ? eq(programs.status, status) : ne(programs.status, 'DRAFT'))
          .orderBy(asc(programs.startDate), asc(programs.id))
          .limit(limit);
      },
      myProgramEnrollments: async (_, { programId, status }, ctx) => {
        if (programId) {
          const program = await loadOrNotFound(ctx.loaders.programById, programId, 'TrainingProgram');
          await assertRunsProgram(ctx, program, 'list its enrollments');
          return enrollmentsOf(ctx.db, [program.id], status);
        }
        const trainer = await requireViewerTrainer(ctx, 'list the enrollments of their programs');
        const own = await ctx.loaders.programsByTrainerId.load(trainer.id);
        return enrollmentsOf(
          ctx.db,
          own.map((p) => p.id),
          status,
        );
      },
    },
    Mutation: {
      createTrainingProgram: async (_, { input }, ctx) => {
        ctx.viewer.requireSubject();
        let trainerId: string;
        if (ctx.viewer.isAdmin) {
          if (!input.trainerId) throw badInput('input.trainerId', 'is required when an admin creates a program');
          trainerId = (await loadOrNotFound(ctx.loaders.trainerById, input.trainerId, 'Trainer')).id;
        } else {
          const trainer = await requireViewerTrainer(ctx, 'create training programs');
          if (input.trainerId && input.trainerId !== trainer.id) throw forbidden(`you may create programs for your own profile only (${trainer.id})`);
          trainerId = trainer.id;
        }
        const [program] = await ctx.db
          .insert(programs)
          .values({
            trainerId,
            name: rules.programName('input.name', input.name),
            description: rules.programDescription('input.description', input.description),
            level: input.level,
            certificationType: input.certificationType,
            capacity: rules.capacity('input.capacity', input.capacity),
            sessionsCount: rules.sessionsCount('input.sessionsCount', input.sessionsCount),
            schedule: rules.schedule('input.schedule', input.schedule),
            ...rules.programDates(input.startDate, input.endDate),
            priceCents: rules.priceCents('input.priceCents', input.priceCents),
            currency: input.currency == null ? 'USD' : rules.currency('input.currency', input.currency),
            status: input.draft ? 'DRAFT' : 'OPEN',
          })
          .returning();
        return program!;
      },
      updateTrainingProgram: async (_, { id, input }, ctx) => {
        const program = await loadOrNotFound(ctx.loaders.programById, id, 'TrainingProgram');
        await assertRunsProgram(ctx, program, 'change it');
        if (!rules.EDITABLE_STATUSES.includes(program.status))
          throw badInput('id', `program ${id} is ${program.status}: only ${rules.EDITABLE_STATUSES.join(' or ')} programs change`);
        const dates =
          input.startDate != null || input.endDate != null ? rules.programDates(input.startDate ?? program.startDate, input.endDate ?? program.endDate) : {};
        const capacity = input.capacity == null ? program.capacity : rules.capacity('input.capacity', input.capacity);
        const [updated] = await ctx.db
          .update(programs)
          .set({
            ...(input.name != null && { name: rules.programName('input.name', input.name) }),
            ...(input.description !== undefined && { description: rules.programDescription('input.description', input.description) }),
            ...(input.level != null && { level: input.level }),
            capacity,
            ...(input.sessionsCount != null && { sessionsCount: rules.sessionsCount('input.sessionsCount', input.sessionsCount) }),
            ...(input.schedule != null && { schedule: rules.schedule('input.schedule', input.schedule) }),
            ...dates,
            ...(input.priceCents != null && { priceCents: rules.priceCents('input.priceCents', input.priceCents) }),
            ...(input.currency != null && { currency: rules.currency('input.currency', input.currency) }),
          })
          // Guarded like a seat: an enrollment committed meanwhile cannot end up past the new capacity.
          .where(and(eq(programs.id, id), eq(programs.status, program.status), sql`${programs.enrolledCount} <= ${capacity}`))
          .returning();
        if (updated) return updated;
        const now = (await ctx.db.select().from(programs).where(eq(programs.id, id)))[0]!;
        if (now.status !== program.status) throw conflict('id', `program ${id} became ${now.status} meanwhile; read it again`);
        throw conflict('input.capacity', `${now.enrolledCount} dogs are enrolled: capacity cannot be ${capacity}`);
      },
      changeTrainingProgramStatus: async (_, { id, status }, ctx) => {
        const program = await loadOrNotFound(ctx.loaders.programById, id, 'TrainingProgram');
        await assertRunsProgram(ctx, program, 'change its status');
        return changeProgramStatus(ctx.db, program, status);
      },
      enrollInTrainingProgram: async (_, { input }, ctx) => {
        ctx.viewer.requireSubject();
        const pet = await existingPet(ctx, input.petId);
        await assertPetOwnerOr(ctx, pet, [], 'enroll it in a training program');
        if (pet.species !== 'DOG') throw badInput('input.petId', `training programs are for dogs; pet ${pet.id} is ${pet.species ?? 'of unknown species'}`);
        assertAlive('input.petId', pet);
        const program = await loadOrNotFound(ctx.loaders.programById, input.programId, 'TrainingProgram');
        // A DRAFT of another trainer says nothing.
        if (!(await mayReadProgram(ctx, program))) throw notFound('TrainingProgram', program.id);
        if (program.status !== 'OPEN') throw conflict('input.programId', `program ${program.id} is ${program.status} and takes no enrollments`);
        // A refusal after the seat was taken (the dog is in the program already) gives the seat back: the mutation
        // rolls back.
        await takeSeat(ctx.db, program.id, 'input.programId');
        const [enrollment] = await ctx.db
          .insert(enrollments)
          .values({ programId: program.id, petId: pet.id, ownerId: pet.ownerId! })
          .onConflictDoNothing()
          .returning();
        if (!enrollment) throw conflict('input.petId', `pet ${pet.id} is enrolled in program ${program.id} already`);
        return enrollment;
      },
      withdrawFromTrainingProgram: async (_, { enrollmentId }, ctx) => {
        ctx.viewer.requireSubject();
        const enrollment = await loadOrNotFound(ctx.loaders.enrollmentById, enrollmentId, 'TrainingEnrollment');
        await assertPetOwnerOr(ctx, await petCopy(ctx, enrollment.petId), [], 'withdraw it from a training program');
        const program = (await ctx.loaders.programById.load(enrollment.programId))!;
        if (!rules.WITHDRAWABLE_STATUSES.includes(program.status))
          throw badInput('enrollmentId', `program ${program.id} is ${program.status}: dogs withdraw while it is ${rules.WITHDRAWABLE_STATUSES.join(' or ')}`);
        const withdrawn = await changeEnrollmentStatus(ctx.db, enrollment, 'WITHDRAWN', { withdrawnAt: new Date() });
        await releaseSeats(ctx.db, program.id);
        return withdrawn;
      },
      recordTrainingSession: async (_, { enrollmentId, sessionsAttended }, ctx) => {
        const { enrollment, program } = await enrollmentToRun(ctx, enrollmentId, 'record its sessions');
        assertGrading(program, 'sessions are recorded');
        const attended = rules.sessionsAttended('sessionsAttended', sessionsAttended, program);
        if (enrollment.status !== 'ENROLLED') throw badInput('enrollmentId', `enrollment ${enrollment.id} is ${enrollment.status}: its sessions are closed`);
        const [updated] = await ctx.db
          .update(enrollments)
          .set({ sessionsAttended: attended })
          .where(and(eq(enrollments.id, enrollment.id), eq(enrollments.status, 'ENROLLED')))
          .returning();
        if (!updated) throw conflict('enrollmentId', `enrollment ${enrollment.id} changed meanwhile; read it again`);
        return updated;
      },
      completeTrainingEnrollment: async (_, { enrollmentId, passed }, ctx) => {
        const { enrollment, program } = await enrollmentToRun(ctx, enrollmentId, 'grade its dogs');
        assertGrading(program, 'dogs are graded');
        const graded = await changeEnrollmentStatus(ctx.db, enrollment, passed ? 'COMPLETED' : 'FAILED', { completedAt: new Date() });
        if (passed) await issueCertification(ctx.db, graded, program, (await ctx.loaders.trainerById.load(program.trainerId))!);
        return graded;
      },
    },
    Trainer: {
      programs: async (trainer, _, ctx) => {
        const all = await ctx.loaders.programsByTrainerId.load(trainer.id);
        const readable = await Promise.all(all.map((program) => mayReadProgram(ctx, program)));
        return all.filter((_program, i) => readable[i]);
      },
    },
    Pet: {
      trainingEnrollments: coreEntityField('Pet', [], (pet, ctx: TrainingContext) => ctx.loaders.enrollmentsByPetId.load(pet.id)),
    },
    TrainingProgram: {
      trainer: async (program, _, ctx) => (await ctx.loaders.trainerById.load(program.trainerId))!,
      seatsLeft: (program) => program.capacity - program.enrolledCount,
    },
    TrainingEnrollment: {
      program: async (enrollment, _, ctx) => (await ctx.loaders.programById.load(enrollment.programId))!,
      pet: (enrollment) => petOf(enrollment),
      progressPercent: async (enrollment: TrainingEnrollmentRow, _, ctx) => {
        const program = (await ctx.loaders.programById.load(enrollment.programId))!;
        return rules.progressPercent(enrollment.sessionsAttended, program.sessionsCount);
      },
      certification: (enrollment, _, ctx) => ctx.loaders.certificationByEnrollmentId.load(enrollment.id),
    },
    TrainingCertification: {
      pet: (certification) => petOf(certification),
      program: async (certification, _, ctx) => (await ctx.loaders.programById.load(certification.programId))!,
    },
  } satisfies Resolvers,
};
