import { timestamps } from '@psa/db';
import { char, date, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { healthcareSchema } from '../../db-schema';
import { vetNetworkProviders } from '../vet-network/tables';

export const insuranceCoverageType = healthcareSchema.enum('insurance_coverage_type', ['ACCIDENT_ONLY', 'ACCIDENT_AND_ILLNESS', 'COMPREHENSIVE']);
export const insurancePolicyStatus = healthcareSchema.enum('insurance_policy_status', ['ACTIVE', 'LAPSED', 'CANCELLED', 'EXPIRED']);
export const insuranceClaimStatus = healthcareSchema.enum('insurance_claim_status', ['SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'DENIED', 'PAID']);

/**
 * A pet's insurance policy: one policy year from startDate to endDate (inclusive), priced when issued from the pet's
 * species and age (rules.ts). The pet is core's, so only its id is kept; this table is the source of truth for a
 * pet's cover (core's free-text `Pet.insurancePolicyId` is not). Money is integer cents in `currency`, never Float.
 */
export const insurancePolicies = healthcareSchema.table(
  'insurance_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human-readable and unique, e.g. HP-2026-7KQ3MXW9: what owners quote on the phone. */
    policyNumber: text('policy_number').notNull(),
    petId: uuid('pet_id').notNull(),
    /** The species the premium was priced for, as core said when the policy was issued. */
    species: text('species').notNull(),
    coverageType: insuranceCoverageType('coverage_type').notNull(),
    status: insurancePolicyStatus('status').notNull().default('ACTIVE'),
    /** The most the policy pays in its policy year: what approved and paid claims draw down. */
    annualLimitCents: integer('annual_limit_cents').notNull(),
    deductibleCents: integer('deductible_cents').notNull(),
    /** The share of an eligible bill the policy pays, 50..100. */
    reimbursementPercent: integer('reimbursement_percent').notNull(),
    /** The monthly premium, fixed for the policy year when issued. */
    premiumCents: integer('premium_cents').notNull(),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('insurance_policies_policy_number_idx').on(t.policyNumber),
    index('insurance_policies_pet_id_idx').on(t.petId),
    index('insurance_policies_status_idx').on(t.status),
    // One policy in force per pet: two concurrent issues for the same pet cannot both succeed.
    uniqueIndex('insurance_policies_one_active_per_pet_idx')
      .on(t.petId)
      .where(sql`${t.status} = 'ACTIVE'`),
  ],
);

/**
 * A claim against a policy for one treatment. `petId` repeats the policy's pet, so an owner's claims are found by
 * their pets like every other record. approvedAmountCents is set on approval and never exceeds the policy's
 * remaining cover (enforced under a row lock on the policy, see resolvers).
 */
export const insuranceClaims = healthcareSchema.table(
  'insurance_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human-readable and unique, e.g. CL-2026-4HT8PQ2M. */
    claimNumber: text('claim_number').notNull(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => insurancePolicies.id),
    petId: uuid('pet_id').notNull(),
    /** The network vet who treated the pet, when it was one (direct billing goes to them). */
    vetProviderId: uuid('vet_provider_id').references(() => vetNetworkProviders.id),
    treatmentDate: date('treatment_date', { mode: 'string' }).notNull(),
    diagnosis: text('diagnosis').notNull(),
    description: text('description'),
    /** The vet's invoice number, as the owner typed it. */
    invoiceReference: text('invoice_reference'),
    claimedAmountCents: integer('claimed_amount_cents').notNull(),
    approvedAmountCents: integer('approved_amount_cents'),
    status: insuranceClaimStatus('status').notNull().default('SUBMITTED'),
    /** Why it was approved for less, or denied: the last decision's reason. */
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The payout: when and under which payment reference the approved amount went out. */
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paymentReference: text('payment_reference'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('insurance_claims_claim_number_idx').on(t.claimNumber),
    index('insurance_claims_policy_id_idx').on(t.policyId),
    index('insurance_claims_pet_id_idx').on(t.petId),
    index('insurance_claims_vet_provider_id_idx').on(t.vetProviderId),
    index('insurance_claims_status_idx').on(t.status),
  ],
);

/** Every status a claim had, written in the same transaction as the change: who moved it, from what, why. */
export const insuranceClaimStatusHistory = healthcareSchema.table(
  'insurance_claim_status_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => insuranceClaims.id),
    /** Null for the filing itself. */
    previousStatus: insuranceClaimStatus('previous_status'),
    newStatus: insuranceClaimStatus('new_status').notNull(),
    /** The token subject who made the change; null once the owner who made it is erased. */
    changedBy: text('changed_by'),
    reason: text('reason'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('insurance_claim_status_history_claim_id_idx').on(t.claimId)],
);

/** The rows behind GraphQL's types (pnpm codegen maps a type to the <Type>Row its module's tables.ts exports). */
export type InsurancePolicyRow = typeof insurancePolicies.$inferSelect;
export type InsuranceClaimRow = typeof insuranceClaims.$inferSelect;
export type InsuranceClaimStatusChangeRow = typeof insuranceClaimStatusHistory.$inferSelect;
