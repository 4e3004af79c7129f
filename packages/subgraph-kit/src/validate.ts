import { badInput } from './errors';

/** Input checks shared by every division. Each throws BAD_USER_INPUT naming the field and the value it got. */

export function requiredText(field: string, value: string | null | undefined, maxLength = 200): string {
  const trimmed = (value ?? '').trim();
  if (trimmed.length === 0) throw badInput(field, 'is required and must not be blank');
  if (trimmed.length > maxLength) throw badInput(field, `must be at most ${maxLength} characters, got ${trimmed.length}`);
  return trimmed;
}

/** A list of required texts; absent means empty. Errors name the item, e.g. input.breed[2]. */
export function requiredTexts(field: string, values: string[] | null | undefined, maxLength = 200): string[] {
  return (values ?? []).map((value, i) => requiredText(`${field}[${i}]`, value, maxLength));
}

/** Blank optional text becomes null, so "" and absent mean the same. */
export function optionalText(field: string, value: string | null | undefined, maxLength = 2000): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed.length > maxLength) throw badInput(field, `must be at most ${maxLength} characters, got ${trimmed.length}`);
  return trimmed.length === 0 ? null : trimmed;
}

// ISO 11784 animal identification codes are 15 decimal digits.
const MICROCHIP = /^\d{15}$/;

/** An optional microchip number: 15 digits, or null when absent or blank. */
export function microchipNumber(field: string, value: string | null | undefined): string | null {
  const chip = optionalText(field, value, 15 + 10);
  if (chip === null) return null;
  if (!MICROCHIP.test(chip)) throw badInput(field, `must be 15 digits (ISO 11784), got "${chip}"`);
  return chip;
}

export function positiveNumber(field: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw badInput(field, `must be greater than 0, got ${value}`);
  return value;
}

export function nonNegativeInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw badInput(field, `must be a whole number of 0 or more, got ${value}`);
  return value;
}

/** A calendar date as YYYY-MM-DD (the Date scalar parses to a JS Date at UTC midnight). */
export function toIsoDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

export function dateNotInFuture(field: string, value: Date | string, today = new Date()): string {
  const iso = toIsoDate(value);
  if (iso > toIsoDate(today)) throw badInput(field, `must not be in the future, got ${iso}`);
  return iso;
}

export function instantNotInFuture(field: string, value: Date, now = new Date()): Date {
  // A minute of slack for clocks that disagree a little.
  if (value.getTime() > now.getTime() + 60_000) throw badInput(field, `must not be in the future, got ${value.toISOString()}`);
  return value;
}

export function dateAfter(field: string, value: Date | string, otherField: string, other: Date | string): string {
  const iso = toIsoDate(value);
  if (iso <= toIsoDate(other)) throw badInput(field, `must be after ${otherField} (${toIsoDate(other)}), got ${iso}`);
  return iso;
}
