import { date, text, uuid } from 'drizzle-orm/pg-core';
import { copyColumns } from '@psa/events';
import { healthcareSchema } from '../../db-schema';

/**
 * Core's pets, as far as this division's own rules need them; fields are null on a deleted copy. Species and birth
 * date price insurance (insurance/rules.ts).
 */
export const petCopies = healthcareSchema.table('pet_copies', {
  ...copyColumns(),
  ownerId: uuid('owner_id'),
  name: text('name'),
  status: text('status'),
  species: text('species'),
  birthDate: date('birth_date', { mode: 'string' }),
});

/** Core's owners, as far as this division's own rules need them. */
export const ownerCopies = healthcareSchema.table('owner_copies', {
  ...copyColumns(),
  clerkId: text('clerk_id'),
});
