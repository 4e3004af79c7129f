import { badInput, geoPoint, requiredText } from '@psa/subgraph-kit';

/** Input rules of trainers' profiles. Each throws BAD_USER_INPUT naming the field and the value it got. */

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const CURRENCY = /^[A-Z]{3}$/;

export const MIN_SESSION_MINUTES = 15;
export const MAX_SESSION_MINUTES = 480;

/** A wall-clock time as HH:MM; `24:00` only where it ends a window (the end of the day). */
export function clockTime(field: string, value: string, endOfDayAllowed = false): string {
  if (CLOCK_TIME.test(value) || (endOfDayAllowed && value === '24:00')) return value;
  throw badInput(field, `must be a time as HH:MM (00:00 to ${endOfDayAllowed ? '24:00' : '23:59'}), got "${value}"`);
}

export function dayOfWeek(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 6) throw badInput(field, `must be 0 (Sunday) to 6 (Saturday), got ${value}`);
  return value;
}

/** A weekly window of one day: start before end, both HH:MM. */
export function window(input: { dayOfWeek: number; startTime: string; endTime: string }) {
  const startTime = clockTime('input.startTime', input.startTime);
  const endTime = clockTime('input.endTime', input.endTime, true);
  if (endTime <= startTime) throw badInput('input.endTime', `must be after input.startTime (${startTime}), got ${endTime}`);
  return { dayOfWeek: dayOfWeek('input.dayOfWeek', input.dayOfWeek), startTime, endTime };
}

/** An IANA timezone the runtime knows (PostgreSQL's tz data is the same IANA database). */
export function timezone(field: string, value: string): string {
  const tz = requiredText(field, value, 64);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw badInput(field, `must be an IANA timezone such as America/Los_Angeles, got "${tz}"`);
  }
  return tz;
}

export function wholeNumberBetween(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, `must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

export function sessionMinutes(field: string, value: number): number {
  return wholeNumberBetween(field, value, MIN_SESSION_MINUTES, MAX_SESSION_MINUTES);
}

export function priceCents(field: string, value: number): number {
  // The column is a 4-byte integer: at most $21 million, far above any session.
  return wholeNumberBetween(field, value, 0, 2_147_483_647);
}

export function currency(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!CURRENCY.test(code)) throw badInput(field, `must be a 3-letter ISO 4217 code such as USD, got "${value}"`);
  return code;
}

export function rating(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 5) throw badInput(field, `must be from 0 to 5, got ${value}`);
  return value;
}

/** A place as stored in `locations`, every text required. */
export function place(field: string, input: { address: string; city: string; state: string; zipCode: string; latitude: number; longitude: number }) {
  return {
    address: requiredText(`${field}.address`, input.address, 255),
    city: requiredText(`${field}.city`, input.city, 100),
    state: requiredText(`${field}.state`, input.state, 100),
    zipCode: requiredText(`${field}.zipCode`, input.zipCode, 20),
    ...geoPoint(field, input),
  };
}

/** Rows of TIME come back as HH:MM:SS; the API speaks HH:MM. */
export const hhmm = (time: string): string => (time.startsWith('24:') ? '24:00' : time.slice(0, 5));
