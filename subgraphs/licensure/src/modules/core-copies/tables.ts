import { date, index, text, uuid } from 'drizzle-orm/pg-core';
import { copyColumns } from '@psa/events';
import { ownerPersonalCopiesTable } from '@psa/subgraph-kit';
import { licensureSchema } from '../../db-schema';
import { petStatus } from '../registry/tables';

/**
 * Licensure's materialized copies of core's owners and pets: only the fields its own rules need, kept current by
 * the projector from core's events. Read-only for everything else in licensure. Fields are null on a deleted copy.
 */
export const petCopies = licensureSchema.table(
  'pet_copies',
  {
    ...copyColumns(),
    ownerId: uuid('owner_id'),
    householdId: uuid('household_id'),
    name: text('name'),
    species: text('species'),
    breed: text('breed').array(),
    color: text('color').array(),
    markings: text('markings'),
    birthDate: date('birth_date', { mode: 'string' }),
    microchipNumber: text('microchip_number'),
    status: petStatus('status'),
  },
  (t) => [index('pet_copies_microchip_number_idx').on(t.microchipNumber)],
);

/** Who an owner signs in as: what lost-report rules need. No personal data: that is ownerPersonalCopies, by consent. */
export const ownerCopies = licensureSchema.table('owner_copies', {
  ...copyColumns(),
  clerkId: text('clerk_id'),
});

/** Owners' names and contact details, held only while the owner lets licensure hold them (the kit keeps it). */
export const ownerPersonalCopies = ownerPersonalCopiesTable(licensureSchema);

export type PetCopyRow = typeof petCopies.$inferSelect;
