import { date, text, uuid } from 'drizzle-orm/pg-core';
import { copyColumns } from '@psa/events';
import { trainingSchema } from '../../db-schema';

/**
 * Core's pets, as far as training needs them (the seed's `dogs`: name, breed, age from the birth date, size,
 * notes); fields are null on a deleted copy. Trainers read a booked dog from here, never from core.
 */
export const petCopies = trainingSchema.table('pet_copies', {
  ...copyColumns(),
  ownerId: uuid('owner_id'),
  name: text('name'),
  species: text('species'),
  breed: text('breed').array(),
  birthDate: date('birth_date', { mode: 'string' }),
  size: text('size'),
  notes: text('notes'),
  status: text('status'),
});

/** Core's owners, as far as this division's own rules need them. */
export const ownerCopies = trainingSchema.table('owner_copies', {
  ...copyColumns(),
  clerkId: text('clerk_id'),
});
