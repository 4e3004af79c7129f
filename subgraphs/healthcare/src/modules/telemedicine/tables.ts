import { timestamps } from '@psa/db';
import { index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { healthcareSchema } from '../../db-schema';

export const medicalPlan = healthcareSchema.enum('medical_plan', ['BASIC', 'PLUS', 'PREMIUM', 'FAMILY']);
export const consultationType = healthcareSchema.enum('consultation_type', ['PRIMARY_CARE', 'MENTAL_HEALTH', 'SPECIALTY', 'FOLLOW_UP']);
export const consultationStatus = healthcareSchema.enum('consultation_status', ['SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW']);
/** The seed's SubscriptionStatus: telemedicine subscriptions and wellness plans share it. */
export const subscriptionStatus = healthcareSchema.enum('subscription_status', ['ACTIVE', 'PAUSED', 'CANCELLED', 'EXPIRED']);

/** An owner's telemedicine subscription (the seed's MedicalSubscription). The owner is core's, so only their id is kept. */
export const medicalSubscriptions = healthcareSchema.table(
  'medical_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id').notNull(),
    plan: medicalPlan('plan').notNull(),
    /** The seed's `monthlyPrice Float`, kept as integer cents (USD): money is never a float here. */
    monthlyPriceCents: integer('monthly_price_cents').notNull(),
    /** The services the plan includes, as priced when subscribed. */
    services: text('services').array().notNull(),
    status: subscriptionStatus('status').notNull().default('ACTIVE'),
    startDate: timestamp('start_date', { withTimezone: true }).notNull().defaultNow(),
    nextBillingDate: timestamp('next_billing_date', { withTimezone: true }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('medical_subscriptions_owner_id_idx').on(t.ownerId),
    index('medical_subscriptions_status_idx').on(t.status),
    index('medical_subscriptions_next_billing_date_idx').on(t.nextBillingDate),
    // One running subscription per owner: a second subscribe (or two at once) is a CONFLICT, not a double charge.
    uniqueIndex('medical_subscriptions_one_running_per_owner_idx')
      .on(t.ownerId)
      .where(sql`${t.status} in ('ACTIVE', 'PAUSED')`),
  ],
);

/** A video consultation under a subscription (the seed's TelemedicineConsultation). */
export const telemedicineConsultations = healthcareSchema.table(
  'telemedicine_consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => medicalSubscriptions.id),
    /** A vet network provider's id (the seed keeps it as text), and its name as it was when booked. */
    providerId: text('provider_id').notNull(),
    providerName: text('provider_name').notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    /** Minutes, 5..240. */
    duration: integer('duration').notNull(),
    consultationType: consultationType('consultation_type').notNull(),
    status: consultationStatus('status').notNull().default('SCHEDULED'),
    notes: text('notes'),
    prescriptionsIssued: text('prescriptions_issued').array().notNull().default([]),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [index('telemedicine_consultations_subscription_id_idx').on(t.subscriptionId), index('telemedicine_consultations_provider_id_idx').on(t.providerId)],
);

export type MedicalSubscriptionRow = typeof medicalSubscriptions.$inferSelect;
export type TelemedicineConsultationRow = typeof telemedicineConsultations.$inferSelect;
