import { badInput, optionalText, requiredText } from '@psa/subgraph-kit';

/** Input rules of the clinic network. Each throws BAD_USER_INPUT naming the field and the value it got. */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PHONE = /^\+?[0-9 ().-]{7,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function slug(field: string, value: string): string {
  const s = requiredText(field, value, 200);
  if (!SLUG.test(s)) throw badInput(field, `must be lower-case letters, digits and single dashes, got "${s}"`);
  return s;
}

export function phone(field: string, value: string): string {
  const p = requiredText(field, value, 20);
  if (!PHONE.test(p)) throw badInput(field, `must be a phone number (digits, spaces, + ( ) . -), got "${p}"`);
  return p;
}

export function optionalEmail(field: string, value: string | null | undefined): string | null {
  const e = optionalText(field, value, 255);
  if (e !== null && !EMAIL.test(e)) throw badInput(field, `must be an email address, got "${e}"`);
  return e;
}

export function optionalUrl(field: string, value: string | null | undefined): string | null {
  const u = optionalText(field, value, 2000);
  if (u === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    throw badInput(field, `must be an http(s) URL, got "${u}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw badInput(field, `must be an http(s) URL, got "${u}"`);
  return u;
}

/** An IANA timezone the runtime knows (the database's tz data is the same IANA database). */
export function timezone(field: string, value: string): string {
  const tz = requiredText(field, value, 50);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw badInput(field, `must be an IANA timezone such as America/Los_Angeles, got "${tz}"`);
  }
  return tz;
}

/** A home-visit radius fits DECIMAL(5,2). */
export function radiusKm(field: string, value: number, max = 999.99): number {
  if (!Number.isFinite(value) || value < 0.1 || value > max) throw badInput(field, `must be between 0.1 and ${max} km, got ${value}`);
  return Math.round(value * 100) / 100;
}

/** A wall-clock time as HH:MM. */
export function clockTime(field: string, value: string): string {
  if (!TIME.test(value)) throw badInput(field, `must be a time as HH:MM (00:00 to 23:59), got "${value}"`);
  return value;
}

export function dayOfWeek(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 6) throw badInput(field, `must be 0 (Sunday) to 6 (Saturday), got ${value}`);
  return value;
}

/** `to` after `from`, both HH:MM of the same day. */
export function timeRange(fromField: string, from: string, toField: string, to: string): [string, string] {
  const [a, b] = [clockTime(fromField, from), clockTime(toField, to)];
  if (b <= a) throw badInput(toField, `must be after ${fromField} (${a}), got ${b}`);
  return [a, b];
}

export function wholeNumberBetween(field: string, value: number | null | undefined, min: number, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, `must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

/** Rows of TIME come back as HH:MM:SS; the API speaks HH:MM. */
export const hhmm = (time: string): string => time.slice(0, 5);
