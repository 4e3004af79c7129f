import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import type { PetGone } from '@psa/events';
import { assertTransition, conflict } from '@psa/subgraph-kit';
import { ENROLLMENT_FLOW, PROGRAM_FLOW, type EnrollmentStatus, type ProgramStatus } from './rules';
import { enrollments, programs, type TrainingEnrollmentRow, type TrainingProgramRow } from './tables';

/**
 * Takes one seat of an OPEN program, or CONFLICT: one guarded UPDATE, so however many enrollments race for the
 * last seat, one gets it (concurrent ones wait on the row and re-check the guard after it commits; the table's
 * check refuses anything past capacity besides).
 */
export async function takeSeat(tx: Db, programId: string, field: string): Promise<TrainingProgramRow> {
  const [program] = await tx
    .update(programs)
    .set({ enrolledCount: sql`${programs.enrolledCount} + 1` })
    .where(and(eq(programs.id, programId), eq(programs.status, 'OPEN'), sql`${programs.enrolledCount} < ${programs.capacity}`))
    .returning();
  if (program) return program;
  const [now] = await tx.select({ status: programs.status }).from(programs).where(eq(programs.id, programId));
  if (now?.status !== 'OPEN') throw conflict(field, `program ${programId} is ${now?.status ?? 'gone'} and takes no enrollments`);
  throw conflict(field, `program ${programId} is full`);
}

/** Gives a seat back (an enrollment withdrawn); never below zero. */
export async function releaseSeats(tx: Db, programId: string, seats = 1): Promise<void> {
  await tx
    .update(programs)
    .set({ enrolledCount: sql`${programs.enrolledCount} - ${seats}` })
    .where(and(eq(programs.id, programId), sql`${programs.enrolledCount} >= ${seats}`));
}

/**
 * A gone pet (deleted, or dead) attends nothing more: its ENROLLED enrollments are withdrawn, whatever their
 * program's status, and their seats given back. Runs in core.pet's projection (see petsGone).
 */
export async function withdrawGonePets(tx: Db, gone: PetGone[]): Promise<void> {
  if (gone.length === 0) return;
  const withdrawn = await tx
    .update(enrollments)
    .set({ status: 'WITHDRAWN', withdrawnAt: new Date() })
    .where(
      and(
        inArray(
          enrollments.petId,
          gone.map((g) => g.petId),
        ),
        eq(enrollments.status, 'ENROLLED'),
      ),
    )
    .returning({ programId: enrollments.programId });
  const seatsByProgram = new Map<string, number>();
  for (const { programId } of withdrawn) seatsByProgram.set(programId, (seatsByProgram.get(programId) ?? 0) + 1);
  for (const [programId, seats] of [...seatsByProgram].sort(([a], [b]) => a.localeCompare(b))) await releaseSeats(tx, programId, seats);
}

/**
 * The one way a program's status changes: along PROGRAM_FLOW (BAD_USER_INPUT otherwise), only from the status the
 * caller read (a change in between is CONFLICT). A cancelled program withdraws its enrolled dogs and frees their seats.
 */
export async function changeProgramStatus(tx: Db, program: TrainingProgramRow, next: ProgramStatus): Promise<TrainingProgramRow> {
  assertTransition(PROGRAM_FLOW, 'status', `program ${program.id}`, program.status, next);
  const [updated] = await tx
    .update(programs)
    .set({ status: next })
    .where(and(eq(programs.id, program.id), eq(programs.status, program.status)))
    .returning();
  if (!updated) throw conflict('status', `program ${program.id} changed meanwhile; read it again`);
  if (next !== 'CANCELLED') return updated;
  const withdrawn = await tx
    .update(enrollments)
    .set({ status: 'WITHDRAWN', withdrawnAt: new Date() })
    .where(and(eq(enrollments.programId, program.id), eq(enrollments.status, 'ENROLLED')))
    .returning({ id: enrollments.id });
  if (withdrawn.length === 0) return updated;
  const [freed] = await tx
    .update(programs)
    .set({ enrolledCount: sql`${programs.enrolledCount} - ${withdrawn.length}` })
    .where(eq(programs.id, program.id))
    .returning();
  return freed!;
}

/** An enrollment's status change, along ENROLLMENT_FLOW and only from the status the caller read (as a program's). */
export async function changeEnrollmentStatus(
  tx: Db,
  enrollment: TrainingEnrollmentRow,
  next: EnrollmentStatus,
  changes: Partial<typeof enrollments.$inferInsert> = {},
): Promise<TrainingEnrollmentRow> {
  assertTransition(ENROLLMENT_FLOW, 'enrollmentId', `enrollment ${enrollment.id}`, enrollment.status, next);
  const [updated] = await tx
    .update(enrollments)
    .set({ ...changes, status: next })
    .where(and(eq(enrollments.id, enrollment.id), eq(enrollments.status, enrollment.status)))
    .returning();
  if (!updated) throw conflict('enrollmentId', `enrollment ${enrollment.id} changed meanwhile; read it again`);
  return updated;
}

/** A trainer's enrollments: of the given programs, optionally of one status, oldest first. */
export function enrollmentsOf(db: Db, programIds: string[], status: EnrollmentStatus | null | undefined) {
  if (programIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(enrollments)
    .where(and(inArray(enrollments.programId, programIds), status ? eq(enrollments.status, status) : undefined))
    .orderBy(enrollments.enrolledAt, enrollments.id);
}
