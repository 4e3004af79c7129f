import { assertTransition, badInput, optionalText, requiredText, type TransitionTable } from '@psa/subgraph-kit';
import type { PetSize } from '../../generated/resolvers';
import type { BookingStatus } from './tables';

/** The seed's flow: a trainer accepts a request and completes the session; either side may call it off before. */
export const BOOKING_FLOW: TransitionTable<BookingStatus> = {
  PENDING: ['ACCEPTED', 'CANCELLED'],
  ACCEPTED: ['COMPLETED', 'CANCELLED'],
  CANCELLED: [],
  COMPLETED: [],
};

/** BAD_USER_INPUT naming `field` unless the booking may go from `from` to `to`. */
export function assertBookingTransition(field: string, bookingId: string, from: BookingStatus, to: BookingStatus): void {
  assertTransition(BOOKING_FLOW, field, `booking ${bookingId}`, from, to);
}

// PostgreSQL's text refuses NUL; caught here it is the caller's mistake, not a server error.
function withoutNul(field: string, value: string): string {
  if (value.includes('\u0000')) throw badInput(field, 'must not contain NUL bytes');
  return value;
}

export const MAX_REASON_LENGTH = 1000;
export const MAX_NOTES_LENGTH = 2000;

/** Why a booking is cancelled or declined: required, trimmed, bounded, no NUL bytes. */
export function reasonText(field: string, value: string): string {
  return withoutNul(field, requiredText(field, value, MAX_REASON_LENGTH));
}

/** Optional free text (the owner's notes, a review's comment): blank is null, no NUL bytes. */
export function optionalFreeText(field: string, value: string | null | undefined, maxLength = MAX_NOTES_LENGTH): string | null {
  const text = optionalText(field, value, maxLength);
  return text === null ? null : withoutNul(field, text);
}

/** When a session of `durationMinutes` starting at `start` ends. */
export const sessionEnd = (start: Date, durationMinutes: number) => new Date(start.getTime() + durationMinutes * 60_000);

/** A booking starts in the future: BAD_USER_INPUT naming `field` otherwise. */
export function futureStart(field: string, start: Date, now = new Date()): Date {
  if (Number.isNaN(start.getTime())) throw badInput(field, 'is not a valid instant');
  if (start.getTime() <= now.getTime()) throw badInput(field, `must be in the future, got ${start.toISOString()}`);
  return start;
}

const PET_SIZES: readonly string[] = ['TOY', 'SMALL', 'MEDIUM', 'LARGE', 'GIANT'] satisfies PetSize[];

/** The copy's size as the API's enum; a value core may add later reads as unknown (null) until training knows it. */
export const petSize = (value: string | null): PetSize | null => (value !== null && PET_SIZES.includes(value) ? (value as PetSize) : null);
