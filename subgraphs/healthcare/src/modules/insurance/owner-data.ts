import { and, eq, inArray, sql } from 'drizzle-orm';
import type { OwnerDataTable, OwnerKeys, RetentionRule } from '@psa/subgraph-kit';
import { insuranceClaims, insuranceClaimStatusHistory, insurancePolicies } from './tables';

/** The status changes of the owner's pets' claims. */
const historyOf = (o: OwnerKeys) =>
  sql`${insuranceClaimStatusHistory.claimId} in (select ${insuranceClaims.id} from ${insuranceClaims} where ${inArray(insuranceClaims.petId, o.petIds)})`;

/**
 * What insurance holds of an owner, for their export: their pets' policies, claims and the claims' history.
 * Erasure keeps all three (transactions the law keeps 7 years), none of which names the owner once the history
 * forgets who filed: the subject of the owner's own changes is blanked. Parents first (erasure runs in reverse).
 */
export const insuranceOwnerData: OwnerDataTable[] = [
  { table: insurancePolicies, rows: (o) => inArray(insurancePolicies.petId, o.petIds), erase: { keep: 'transactions' } },
  { table: insuranceClaims, rows: (o) => inArray(insuranceClaims.petId, o.petIds), erase: { keep: 'transactions' } },
  { table: insuranceClaimStatusHistory, rows: historyOf, erase: { keep: 'transactions' } },
  // The same rows again, only those the owner made, to blank who made them (already exported above).
  {
    table: insuranceClaimStatusHistory,
    rows: (o) => and(historyOf(o), eq(insuranceClaimStatusHistory.changedBy, o.clerkId))!,
    erase: { keep: 'transactions', anonymise: { changedBy: null } },
    exported: false,
  },
];

/**
 * Policies, claims and their payouts are transactions: kept 7 years after their last date. Children are removed
 * before their parents: history, then claims (from the payout, the decision or the filing), then policies once
 * none of their claims is left.
 */
export const insuranceRetention: RetentionRule[] = [
  { kind: 'transactions', table: insuranceClaimStatusHistory, from: insuranceClaimStatusHistory.changedAt },
  {
    kind: 'transactions',
    table: insuranceClaims,
    from: sql`greatest(${insuranceClaims.treatmentDate}, ${insuranceClaims.decidedAt}::date, ${insuranceClaims.paidAt}::date, ${insuranceClaims.createdAt}::date)`,
    keepWhile: sql`exists (select 1 from healthcare.insurance_claim_status_history h where h.claim_id = ${insuranceClaims.id})`,
  },
  {
    kind: 'transactions',
    table: insurancePolicies,
    from: sql`greatest(${insurancePolicies.endDate}, ${insurancePolicies.cancelledAt}::date)`,
    keepWhile: sql`${insurancePolicies.status} = 'ACTIVE' or exists (select 1 from healthcare.insurance_claims c where c.policy_id = ${insurancePolicies.id})`,
  },
];
