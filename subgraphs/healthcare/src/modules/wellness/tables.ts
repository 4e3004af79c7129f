import { timestamps } from '@psa/db';
import { date, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { healthcareSchema } from '../../db-schema';
import { subscriptionStatus } from '../telemedicine/tables';

export const wellnessPlanTier = healthcareSchema.enum('wellness_plan_tier', ['ESSENTIAL', 'PLUS', 'COMPLETE']);

/**
 * A pet's preventive care subscription: the tier's services (check-ups, vaccines, dental) for a monthly price.
 * Price and services are kept as they were when subscribed, so a later price change does not rewrite it.
 */
export const wellnessPlans = healthcareSchema.table(
  'wellness_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petId: uuid('pet_id').notNull(),
    tier: wellnessPlanTier('tier').notNull(),
    /** Integer cents (USD), never a float. */
    monthlyPriceCents: integer('monthly_price_cents').notNull(),
    includedServices: text('included_services').array().notNull(),
    status: subscriptionStatus('status').notNull().default('ACTIVE'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** Null once the plan is cancelled: nothing more is billed. */
    nextBillingDate: date('next_billing_date', { mode: 'string' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('wellness_plans_pet_id_idx').on(t.petId),
    index('wellness_plans_status_idx').on(t.status),
    index('wellness_plans_next_billing_date_idx').on(t.nextBillingDate),
    // One running plan per pet.
    uniqueIndex('wellness_plans_one_running_per_pet_idx')
      .on(t.petId)
      .where(sql`${t.status} in ('ACTIVE', 'PAUSED')`),
  ],
);

export type WellnessPlanRow = typeof wellnessPlans.$inferSelect;
