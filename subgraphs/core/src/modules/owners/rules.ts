import { badInput, optionalText, requiredText } from '@psa/subgraph-kit';
import { DIVISIONS, isDivision } from '@psa/events';
import type { DivisionDataSharing } from './tables';
import type { CreateOwnerInput, UpdateOwnerInput } from '../../generated/resolvers';

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail provider's business.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails are stored lower-cased so uniqueness ignores case. */
export function validEmail(field: string, value: string): string {
  const email = requiredText(field, value, 254).toLowerCase();
  if (!EMAIL.test(email)) throw badInput(field, `is not an email address, got "${value}"`);
  return email;
}

export function validDataSharing(field: string, value: Record<string, unknown>): DivisionDataSharing {
  for (const [division, allowed] of Object.entries(value)) {
    // A consent for a division that does not exist would be kept and never mean anything: say so instead.
    if (!isDivision(division)) throw badInput(`${field}.${division}`, `is not a division (the divisions are ${DIVISIONS.join(', ')})`);
    if (typeof allowed !== 'boolean') throw badInput(`${field}.${division}`, `must be true or false, got ${JSON.stringify(allowed)}`);
  }
  return value as DivisionDataSharing;
}

/** What createOwner and updateOwner send: the fields both inputs have. */
export type OwnerInput = CreateOwnerInput | UpdateOwnerInput;

const OPTIONAL_TEXT = ['phone', 'middleName', 'street1', 'street2', 'city', 'state', 'postalCode'] as const;
const FLAGS = ['emailNotifications', 'smsNotifications', 'pushNotifications', 'newsletterOptIn'] as const;

/**
 * The columns an owner input sets. With `partial`, absent fields are left out (an update); required fields that
 * are present must still be valid, and null on a required field is refused rather than silently ignored.
 */
export function ownerChanges(input: OwnerInput, partial: boolean) {
  const changes: Record<string, unknown> = {};
  const has = (key: keyof OwnerInput) => !partial || input[key] !== undefined;
  if (has('email')) changes.email = validEmail('input.email', input.email ?? '');
  if (has('firstName')) changes.firstName = requiredText('input.firstName', input.firstName, 100);
  if (has('lastName')) changes.lastName = requiredText('input.lastName', input.lastName, 100);
  if (input.country !== undefined && input.country !== null) changes.country = requiredText('input.country', input.country, 100);
  else if (partial && input.country === null) throw badInput('input.country', 'must not be null');
  for (const key of OPTIONAL_TEXT) if (input[key] !== undefined) changes[key] = optionalText(`input.${key}`, input[key], 200);
  for (const key of FLAGS) {
    if (input[key] === null) throw badInput(`input.${key}`, 'must be true or false, not null');
    if (input[key] !== undefined) changes[key] = input[key];
  }
  if (input.dataSharing === null && partial) throw badInput('input.dataSharing', 'must be an object, not null');
  if (input.dataSharing) changes.dataSharing = validDataSharing('input.dataSharing', input.dataSharing);
  return changes;
}
