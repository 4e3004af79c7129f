import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  badInput,
  conflict,
  coreEntityField,
  forbidden,
  loadOrNotFound,
  loadTypeDefs,
  optionalText,
  requiredText,
  toIsoDate,
  type SubgraphModule,
  assertAlive,
  assertPetOwnerOr,
  existingPet,
  hasAnyRole,
  mayActForPet,
  petCopy,
  petOf,
  assertTransition,
} from '@psa/subgraph-kit';
import type { HealthcareContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { INSURANCE_ADJUSTER_ROLE } from '../../access';
import { insuranceClaims, insuranceClaimStatusHistory, insurancePolicies, type InsuranceClaimRow, type InsurancePolicyRow } from './tables';
import {
  ageInYears,
  approvedAmount,
  CLAIM_TRANSITIONS,
  CLAIMS_DRAWING_COVER,
  claimValues,
  monthlyPremiumCents,
  policyEndDate,
  policyStartDate,
  policyTerms,
  POLICY_TRANSITIONS,
  readableNumber,
  remainingCoverCents,
  treatmentDate,
} from './rules';

const CLAIMS_STAFF = [INSURANCE_ADJUSTER_ROLE] as const;
const MAX_QUEUE = 1000;

function assertClaimsStaff(ctx: HealthcareContext, action: string): string {
  const subject = ctx.viewer.requireSubject();
  if (!hasAnyRole(ctx, CLAIMS_STAFF)) throw forbidden(`only ${INSURANCE_ADJUSTER_ROLE} staff and admins may ${action}`);
  return subject;
}

/** Species and age as core last told healthcare; a pet without a birth date cannot be priced. */
function pricingOf(pet: { id: string; species: string | null; birthDate: string | null }, on: string) {
  if (!pet.birthDate) throw badInput('petId', `healthcare has no birth date for pet ${pet.id} yet; try again in a moment`);
  return { species: pet.species ?? 'OTHER', age: ageInYears(pet.birthDate, on) };
}

/** A policy or claim read by id: null when missing and when the viewer is neither the pet's owner nor staff. */
async function visible<R extends { petId: string }>(ctx: HealthcareContext, row: R | null): Promise<R | null> {
  return row && (await mayActForPet(ctx, row.petId, CLAIMS_STAFF)) ? row : null;
}

/** Changes a policy's status only from the status the caller saw: of two concurrent changes one wins, the other is CONFLICT. */
async function movePolicy(ctx: HealthcareContext, policy: InsurancePolicyRow, status: InsurancePolicyRow['status']) {
  assertTransition(POLICY_TRANSITIONS, 'status', `policy ${policy.policyNumber}`, policy.status, status);
  const [row] = await ctx.db
    .update(insurancePolicies)
    .set({ status, ...(status === 'CANCELLED' ? { cancelledAt: new Date() } : {}) })
    .where(and(eq(insurancePolicies.id, policy.id), eq(insurancePolicies.status, policy.status)))
    .returning();
  if (!row) throw conflict('id', `policy ${policy.policyNumber} changed meanwhile; read it again`);
  return row;
}

/** What approved and paid claims have drawn on the policy, read inside the caller's transaction. */
async function coverDrawn(ctx: HealthcareContext, policyId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ drawn: sql<number>`coalesce(sum(${insuranceClaims.approvedAmountCents}), 0)::int` })
    .from(insuranceClaims)
    .where(and(eq(insuranceClaims.policyId, policyId), inArray(insuranceClaims.status, [...CLAIMS_DRAWING_COVER])));
  return row?.drawn ?? 0;
}

type ClaimChanges = Partial<typeof insuranceClaims.$inferInsert>;

export const insuranceModule: SubgraphModule = {
  name: 'insurance',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      insuranceQuote: async (_, { petId, input }, ctx) => {
        const pet = await existingPet(ctx, petId);
        await assertPetOwnerOr(ctx, pet, CLAIMS_STAFF, 'ask for its insurance quote');
        assertAlive('petId', pet);
        const terms = policyTerms(input);
        const { species, age } = pricingOf(pet, toIsoDate(new Date()));
        const monthly = monthlyPremiumCents(species, age, terms);
        return { ...terms, species, ageYears: age, monthlyPremiumCents: monthly, annualPremiumCents: monthly * 12 };
      },
      insurancePolicy: async (_, { id }, ctx) => visible(ctx, await ctx.loaders.insurancePolicyById.load(id)),
      insuranceClaim: async (_, { id }, ctx) => visible(ctx, await ctx.loaders.insuranceClaimById.load(id)),
      insuranceClaims: async (_, { status, limit }, ctx) => {
        assertClaimsStaff(ctx, 'list claims');
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUEUE) throw badInput('limit', `must be between 1 and ${MAX_QUEUE}, got ${limit}`);
        return ctx.db
          .select()
          .from(insuranceClaims)
          .where(eq(insuranceClaims.status, status))
          .orderBy(asc(insuranceClaims.createdAt), asc(insuranceClaims.id))
          .limit(limit);
      },
    },
    Mutation: {
      issueInsurancePolicy: async (_, { input }, ctx) => {
        const pet = await existingPet(ctx, input.petId);
        await assertPetOwnerOr(ctx, pet, [], 'insure it');
        assertAlive('input.petId', pet);
        const terms = policyTerms(input);
        const startDate = policyStartDate('input.startDate', input.startDate);
        const { species, age } = pricingOf(pet, startDate);
        const [active] = await ctx.db
          .select({ policyNumber: insurancePolicies.policyNumber })
          .from(insurancePolicies)
          .where(and(eq(insurancePolicies.petId, pet.id), eq(insurancePolicies.status, 'ACTIVE')))
          .limit(1);
        if (active) throw conflict('input.petId', `pet ${pet.id} already has ACTIVE policy ${active.policyNumber}`);
        const [policy] = await ctx.db
          .insert(insurancePolicies)
          .values({
            ...terms,
            policyNumber: readableNumber('HP'),
            petId: pet.id,
            species,
            premiumCents: monthlyPremiumCents(species, age, terms),
            startDate,
            endDate: policyEndDate(startDate),
          })
          .returning();
        return policy!;
      },
      cancelInsurancePolicy: async (_, { id }, ctx) => {
        const policy = await loadOrNotFound(ctx.loaders.insurancePolicyById, id, 'InsurancePolicy');
        await assertPetOwnerOr(ctx, await petCopy(ctx, policy.petId), CLAIMS_STAFF, 'cancel its policy');
        return movePolicy(ctx, policy, 'CANCELLED');
      },
      changeInsurancePolicyStatus: async (_, { id, status }, ctx) => {
        assertClaimsStaff(ctx, 'change policy statuses');
        return movePolicy(ctx, await loadOrNotFound(ctx.loaders.insurancePolicyById, id, 'InsurancePolicy'), status);
      },
      fileInsuranceClaim: async (_, { input }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const policy = await loadOrNotFound(ctx.loaders.insurancePolicyById, input.policyId, 'InsurancePolicy');
        await assertPetOwnerOr(ctx, await petCopy(ctx, policy.petId), [], 'file claims on its policy');
        if (policy.status !== 'ACTIVE')
          throw badInput('input.policyId', `policy ${policy.policyNumber} is ${policy.status}; claims are filed on ACTIVE policies`);
        const values = claimValues(input);
        const treatedOn = treatmentDate('input.treatmentDate', input.treatmentDate, policy);
        if (input.vetProviderId) await loadOrNotFound(ctx.loaders.vetProviderById, input.vetProviderId, 'VetNetworkProvider');
        const [claim] = await ctx.db
          .insert(insuranceClaims)
          .values({
            ...values,
            claimNumber: readableNumber('CL'),
            policyId: policy.id,
            petId: policy.petId,
            vetProviderId: input.vetProviderId ?? null,
            treatmentDate: treatedOn,
          })
          .returning();
        await ctx.db.insert(insuranceClaimStatusHistory).values({ claimId: claim!.id, previousStatus: null, newStatus: 'SUBMITTED', changedBy: subject });
        return claim!;
      },
      changeInsuranceClaimStatus: async (_, { input }, ctx) => {
        const subject = assertClaimsStaff(ctx, 'decide claims');
        const found = await loadOrNotFound(ctx.loaders.insuranceClaimById, input.claimId, 'InsuranceClaim');
        // Every decision on a policy's claims queues on the policy's row, so the cover drawn read below is the
        // committed figure and no other approval can add to it before this one commits: two concurrent approvals
        // can never exceed the annual limit. The claim is read again after the lock, in its current status.
        const [policy] = await ctx.db.select().from(insurancePolicies).where(eq(insurancePolicies.id, found.policyId)).for('update');
        const [claim] = (await ctx.db.select().from(insuranceClaims).where(eq(insuranceClaims.id, found.id))) as [InsuranceClaimRow];
        assertTransition(CLAIM_TRANSITIONS, 'input.status', `claim ${claim.claimNumber}`, claim.status, input.status);
        const reason = optionalText('input.reason', input.reason, 2000);
        if (input.status !== 'APPROVED' && input.approvedAmountCents != null) throw badInput('input.approvedAmountCents', 'is only given to approve a claim');
        if (input.status !== 'PAID' && input.paymentReference != null) throw badInput('input.paymentReference', 'is only given to pay a claim');
        const changes: ClaimChanges = { status: input.status };
        if (input.status === 'APPROVED') {
          const remaining = remainingCoverCents(policy!.annualLimitCents, await coverDrawn(ctx, policy!.id));
          changes.approvedAmountCents = approvedAmount('input.approvedAmountCents', input.approvedAmountCents, claim.claimedAmountCents, remaining);
        }
        if (input.status === 'DENIED' && !reason) throw badInput('input.reason', 'is required to deny a claim');
        if (input.status === 'APPROVED' || input.status === 'DENIED') Object.assign(changes, { decidedAt: new Date(), decisionReason: reason });
        if (input.status === 'PAID')
          Object.assign(changes, { paidAt: new Date(), paymentReference: requiredText('input.paymentReference', input.paymentReference, 200) });
        const [updated] = await ctx.db.update(insuranceClaims).set(changes).where(eq(insuranceClaims.id, claim.id)).returning();
        await ctx.db
          .insert(insuranceClaimStatusHistory)
          .values({ claimId: claim.id, previousStatus: claim.status, newStatus: input.status, changedBy: subject, reason });
        return updated!;
      },
    },
    Pet: {
      insurancePolicies: coreEntityField('Pet', CLAIMS_STAFF, (pet, ctx: HealthcareContext) => ctx.loaders.insurancePoliciesByPetId.load(pet.id)),
    },
    InsurancePolicy: {
      pet: petOf,
      coverUsedCents: async (policy, _, ctx) => (await ctx.loaders.coverDrawnByPolicyId.load(policy.id))?.drawnCents ?? 0,
      remainingCoverCents: async (policy, _, ctx) =>
        remainingCoverCents(policy.annualLimitCents, (await ctx.loaders.coverDrawnByPolicyId.load(policy.id))?.drawnCents ?? 0),
      claims: (policy, _, ctx) => ctx.loaders.insuranceClaimsByPolicyId.load(policy.id),
    },
    InsuranceClaim: {
      pet: petOf,
      policy: async (claim, _, ctx) => (await ctx.loaders.insurancePolicyById.load(claim.policyId))!,
      vetProvider: (claim, _, ctx) => (claim.vetProviderId ? ctx.loaders.vetProviderById.load(claim.vetProviderId) : null),
      statusHistory: (claim, _, ctx) => ctx.loaders.claimStatusHistoryByClaimId.load(claim.id),
    },
  } satisfies Resolvers,
};
