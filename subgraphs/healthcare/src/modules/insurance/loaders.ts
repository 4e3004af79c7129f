import { and, asc, desc, inArray, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { byId, groupLoader, isAnyKey, isUuid, preparedStatements, rowLoader, rowsByKey } from '@psa/subgraph-kit';
import { insuranceClaims, insuranceClaimStatusHistory, insurancePolicies } from './tables';
import { CLAIMS_DRAWING_COVER } from './rules';

/** One statement per loader, prepared once per database handle; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  policiesByPetId: rowsByKey(db, insurancePolicies, {
    key: insurancePolicies.petId,
    order: [desc(insurancePolicies.startDate), desc(insurancePolicies.createdAt)],
    name: 'healthcare_insurance_policies_by_pet_id',
  }),
  policyById: rowsByKey(db, insurancePolicies, { key: insurancePolicies.id, name: 'healthcare_insurance_policy_by_id' }),
  claimById: rowsByKey(db, insuranceClaims, { key: insuranceClaims.id, name: 'healthcare_insurance_claim_by_id' }),
  claimsByPolicyId: rowsByKey(db, insuranceClaims, {
    key: insuranceClaims.policyId,
    order: [desc(insuranceClaims.createdAt), desc(insuranceClaims.id)],
    name: 'healthcare_insurance_claims_by_policy_id',
  }),
  // The statuses are constants, bound once with the statement; only the policy ids vary per batch.
  coverDrawnByPolicyId: db
    .select({ policyId: insuranceClaims.policyId, drawnCents: sql<number>`coalesce(sum(${insuranceClaims.approvedAmountCents}), 0)::int` })
    .from(insuranceClaims)
    .where(and(isAnyKey(insuranceClaims.policyId), inArray(insuranceClaims.status, [...CLAIMS_DRAWING_COVER])))
    .groupBy(insuranceClaims.policyId)
    .prepare('healthcare_insurance_cover_drawn_by_policy_id'),
  statusHistoryByClaimId: rowsByKey(db, insuranceClaimStatusHistory, {
    key: insuranceClaimStatusHistory.claimId,
    order: [asc(insuranceClaimStatusHistory.changedAt), asc(insuranceClaimStatusHistory.id)],
    name: 'healthcare_insurance_status_history_by_claim_id',
  }),
}));

/** Insurance's per-request loaders: one statement per field per request, whatever the pet or policy count. */
export function insuranceLoaders(db: Db) {
  const statements = statementsOf(db);
  return {
    insurancePoliciesByPetId: groupLoader(statements.policiesByPetId, (policy) => policy.petId, isUuid),
    insurancePolicyById: rowLoader(statements.policyById, byId, isUuid),
    insuranceClaimById: rowLoader(statements.claimById, byId, isUuid),
    insuranceClaimsByPolicyId: groupLoader(statements.claimsByPolicyId, (claim) => claim.policyId, isUuid),
    /** What approved and paid claims have drawn on each policy's limit (0 when none). */
    coverDrawnByPolicyId: rowLoader(statements.coverDrawnByPolicyId, (row) => row.policyId, isUuid),
    claimStatusHistoryByClaimId: groupLoader(statements.statusHistoryByClaimId, (change) => change.claimId, isUuid),
  };
}
