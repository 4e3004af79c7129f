import { timestamps } from '@psa/db';
import { integer, index, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../../db-schema';
import { owners } from '../owners/tables';

export const householdRole = coreSchema.enum('household_role', ['PRIMARY', 'SECONDARY', 'CAREGIVER']);

export const households = coreSchema.table(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    primaryOwnerId: uuid('primary_owner_id')
      .notNull()
      .references(() => owners.id),
    /** Increases with every change; events carry it so divisions apply changes in order, once. */
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [index('households_primary_owner_id_idx').on(t.primaryOwnerId)],
);

export const householdMembers = coreSchema.table(
  'household_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => owners.id),
    role: householdRole('role').notNull().default('SECONDARY'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('household_members_household_id_owner_id_unique').on(t.householdId, t.ownerId), index('household_members_owner_id_idx').on(t.ownerId)],
);

export type HouseholdRow = typeof households.$inferSelect;
export type HouseholdMemberRow = typeof householdMembers.$inferSelect;
