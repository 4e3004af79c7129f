import { randomInt } from 'node:crypto';
import { badInput, optionalText, requiredText, toIsoDate, type TransitionTable } from '@psa/subgraph-kit';
import type { TrainingEnrollmentRow, TrainingProgramRow } from './tables';

export type ProgramStatus = TrainingProgramRow['status'];
export type EnrollmentStatus = TrainingEnrollmentRow['status'];

/** A program is offered (DRAFT → OPEN), runs and finishes; anything but a finished one may be cancelled. */
export const PROGRAM_FLOW: TransitionTable<ProgramStatus> = {
  DRAFT: ['OPEN', 'CANCELLED'],
  OPEN: ['IN_PROGRESS', 'CANCELLED'],
  IN_PROGRESS: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

/** An enrolled dog is graded once (COMPLETED or FAILED) or withdrawn; the three are ends. */
export const ENROLLMENT_FLOW: TransitionTable<EnrollmentStatus> = {
  ENROLLED: ['COMPLETED', 'FAILED', 'WITHDRAWN'],
  COMPLETED: [],
  FAILED: [],
  WITHDRAWN: [],
};

/** Sessions are recorded and dogs graded once the program runs, and after its last session. */
export const GRADING_STATUSES: readonly ProgramStatus[] = ['IN_PROGRESS', 'COMPLETED'];
/** An owner may take a dog out of a program that has not finished. */
export const WITHDRAWABLE_STATUSES: readonly ProgramStatus[] = ['OPEN', 'IN_PROGRESS'];
/** What a trainer may still reshape: once dogs train, the course is what they signed up for. */
export const EDITABLE_STATUSES: readonly ProgramStatus[] = ['DRAFT', 'OPEN'];

// The table's checks, as input errors that name the field.
const MAX_CAPACITY = 500;
const MAX_SESSIONS = 200;
const MAX_PRICE_CENTS = 10_000_000;

function integerBetween(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, `must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

export const capacity = (field: string, value: number) => integerBetween(field, value, 1, MAX_CAPACITY);
export const sessionsCount = (field: string, value: number) => integerBetween(field, value, 1, MAX_SESSIONS);
export const priceCents = (field: string, value: number) => integerBetween(field, value, 0, MAX_PRICE_CENTS);
export const programName = (field: string, value: string) => requiredText(field, value, 200);
export const programDescription = (field: string, value: string | null | undefined) => optionalText(field, value, 2000);
export const schedule = (field: string, value: string) => requiredText(field, value, 500);

export function currency(field: string, value: string): string {
  const code = value.trim();
  if (!/^[A-Z]{3}$/.test(code)) throw badInput(field, `must be an ISO 4217 code of three capital letters, got "${value}"`);
  return code;
}

/** The program's dates: the start not before today (UTC), the end not before the start. */
export function programDates(start: Date | string, end: Date | string, today = new Date()): { startDate: string; endDate: string } {
  const startDate = toIsoDate(start);
  const endDate = toIsoDate(end);
  if (startDate < toIsoDate(today)) throw badInput('input.startDate', `must be today (${toIsoDate(today)}) or later, got ${startDate}`);
  if (endDate < startDate) throw badInput('input.endDate', `must not be before startDate (${startDate}), got ${endDate}`);
  return { startDate, endDate };
}

export function sessionsAttended(field: string, value: number, program: Pick<TrainingProgramRow, 'sessionsCount'>): number {
  return integerBetween(field, value, 0, program.sessionsCount);
}

/** Sessions attended of the program's, as a whole percentage, rounded down (100 only when all were attended). */
export const progressPercent = (attended: number, sessions: number) => Math.min(100, Math.floor((attended * 100) / sessions));

// No 0/O or 1/I/L: certificate numbers are read out and typed in.
const NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const NUMBER_LENGTH = 8;

/**
 * A certificate number as the school prints it, TC-<year>-<8 characters> (31^8 ≈ 8.5e11 per year); uniqueness is
 * the database's, the insert draws again on a clash.
 */
export function certificateNumber(issuedDate: string): string {
  let code = '';
  for (let i = 0; i < NUMBER_LENGTH; i++) code += NUMBER_ALPHABET[randomInt(NUMBER_ALPHABET.length)];
  return `TC-${issuedDate.slice(0, 4)}-${code}`;
}
