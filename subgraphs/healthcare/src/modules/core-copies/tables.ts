import { date, text, uuid } from 'drizzle-orm/pg-core';
import { copyColumns } from '@psa/events';
import { healthcareSchema } from '../../db-schema';

/** Core's pets, as far as this division's own rules need them; fields are null on a deleted copy. */
export const petCopies = healthcareSchema.table('pet_copies', {
  ...copyColumns(),
  ownerId: uuid('owner_id'),
  name: text('name'),
  /** Core's species (DOG, CAT, ...): which services take the pet; with the birth date, an insurance premium (insurance/rules.ts). */
  species: text('species'),
  birthDate: date('birth_date', { mode: 'string' }),
  status: text('status'),
});

/** Core's owners, as far as this division's own rules need them. */
export const ownerCopies = healthcareSchema.table('owner_copies', {
  ...copyColumns(),
  clerkId: text('clerk_id'),
});
