import { and, asc, desc, inArray, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
import { insuranceClaims, insuranceClaimStatusHistory, insurancePolicies } from './tables';
import { CLAIMS_DRAWING_COVER } from './rules';

/** Insurance's per-request loaders: one statement per field per request, whatever the pet or policy count. */
export function insuranceLoaders(db: Db) {
  return {
    insurancePoliciesByPetId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(insurancePolicies)
          .where(inArray(insurancePolicies.petId, ids))
          .orderBy(desc(insurancePolicies.startDate), desc(insurancePolicies.createdAt)),
      (policy) => policy.petId,
      isUuid,
    ),
    insurancePolicyById: rowLoader(
      (ids: string[]) => db.select().from(insurancePolicies).where(inArray(insurancePolicies.id, ids)),
      (policy) => policy.id,
      isUuid,
    ),
    insuranceClaimById: rowLoader(
      (ids: string[]) => db.select().from(insuranceClaims).where(inArray(insuranceClaims.id, ids)),
      (claim) => claim.id,
      isUuid,
    ),
    insuranceClaimsByPolicyId: groupLoader(
      (ids: string[]) =>
        db.select().from(insuranceClaims).where(inArray(insuranceClaims.policyId, ids)).orderBy(desc(insuranceClaims.createdAt), desc(insuranceClaims.id)),
      (claim) => claim.policyId,
      isUuid,
    ),
    /** What approved and paid claims have drawn on each policy's limit (0 when none). */
    coverDrawnByPolicyId: rowLoader(
      (ids: string[]) =>
        db
          .select({ policyId: insuranceClaims.policyId, drawnCents: sql<number>`coalesce(sum(${insuranceClaims.approvedAmountCents}), 0)::int` })
          .from(insuranceClaims)
          .where(and(inArray(insuranceClaims.policyId, ids), inArray(insuranceClaims.status, [...CLAIMS_DRAWING_COVER])))
          .groupBy(insuranceClaims.policyId),
      (row) => row.policyId,
      isUuid,
    ),
    claimStatusHistoryByClaimId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(insuranceClaimStatusHistory)
          .where(inArray(insuranceClaimStatusHistory.claimId, ids))
          .orderBy(asc(insuranceClaimStatusHistory.changedAt), asc(insuranceClaimStatusHistory.id)),
      (change) => change.claimId,
      isUuid,
    ),
  };
}
