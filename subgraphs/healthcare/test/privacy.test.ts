import { sql } from 'drizzle-orm';
import { rowsOf } from '@psa/db';
import { applyRetention, collectOwnerData, eraseOwnerData } from '@psa/subgraph-kit';
import { subgraphUnderTest, type SubgraphUnderTest } from '@psa/testing';
import { healthcare } from '../src';
import { copiedOwner, copiedPet, daysFromToday, ok } from './fixtures';

/** What healthcare declares of an owner's insurance, wellness and telemedicine data: export, erasure, retention. */
let subject: SubgraphUnderTest;
const admin = { subject: 'admin-1', roles: ['admin'] };
const adjuster = { subject: 'adjuster-1', roles: ['insurance_adjuster'] };
const yearsFromNow = (years: number) => new Date(Date.now() + years * 366 * 86_400_000);

beforeAll(async () => {
  subject = await subgraphUnderTest(healthcare);
}, 60_000);
afterAll(() => subject?.close());

/** An owner with one of everything: a policy with an approved claim, a wellness plan, a subscription with a consultation. */
async function ownerWithRecords(clerkId: string) {
  const caller = { subject: clerkId };
  const ownerId = await copiedOwner(subject, clerkId);
  const petId = await copiedPet(subject, ownerId);
  const { issueInsurancePolicy: policy } = ok(
    await subject.run(
      `mutation($i: IssueInsurancePolicyInput!) { issueInsurancePolicy(input: $i) { id } }`,
      { i: { petId, coverageType: 'ACCIDENT_ONLY', annualLimitCents: 200_000, deductibleCents: 0, reimbursementPercent: 70 } },
      caller,
    ),
  );
  const { fileInsuranceClaim: claim } = ok(
    await subject.run(
      `mutation($i: FileInsuranceClaimInput!) { fileInsuranceClaim(input: $i) { id } }`,
      { i: { policyId: policy.id, treatmentDate: daysFromToday(0), diagnosis: 'Cut pad', claimedAmountCents: 9_000 } },
      caller,
    ),
  );
  ok(
    await subject.run(
      `mutation($i: ChangeInsuranceClaimStatusInput!) { changeInsuranceClaimStatus(input: $i) { id } }`,
      { i: { claimId: claim.id, status: 'APPROVED', approvedAmountCents: 6_300 } },
      adjuster,
    ),
  );
  ok(await subject.run(`mutation($i: SubscribeWellnessPlanInput!) { subscribeWellnessPlan(input: $i) { id } }`, { i: { petId, tier: 'ESSENTIAL' } }, caller));
  const { addVetNetworkProvider: provider } = ok(
    await subject.run(`mutation { addVetNetworkProvider(input: { name: "Dr. Who", networkTier: STANDARD }) { id } }`, {}, admin),
  );
  const { subscribeMedicalPlan: medical } = ok(await subject.run(`mutation { subscribeMedicalPlan(input: { plan: BASIC }) { id } }`, {}, caller));
  ok(
    await subject.run(
      `mutation($i: ScheduleTelemedicineConsultationInput!) { scheduleTelemedicineConsultation(input: $i) { id } }`,
      {
        i: {
          subscriptionId: medical.id,
          providerId: provider.id,
          scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
          duration: 15,
          consultationType: 'FOLLOW_UP',
        },
      },
      caller,
    ),
  );
  return { caller, policyId: policy.id as string, medicalId: medical.id as string, keys: { ownerId, clerkId, petIds: [petId] } };
}

it('exports every record of the owner, and erasure keeps them (transactions, health records) but forgets who filed', async () => {
  const { keys } = await ownerWithRecords('privacy-owner');
  const exported = await collectOwnerData(subject.db, healthcare.ownerData!, keys);
  for (const table of ['insurance_policies', 'insurance_claims', 'wellness_plans', 'medical_subscriptions', 'telemedicine_consultations']) {
    expect(exported[table]).toHaveLength(1);
  }
  expect(exported.insurance_claim_status_history?.map((row) => row.changedBy)).toEqual(['privacy-owner', 'adjuster-1']);

  await eraseOwnerData(subject.db, healthcare.ownerData!, keys);
  const after = await collectOwnerData(subject.db, healthcare.ownerData!, keys);
  for (const table of ['insurance_policies', 'insurance_claims', 'wellness_plans', 'medical_subscriptions', 'telemedicine_consultations']) {
    expect(after[table]).toHaveLength(1);
  }
  expect(after.insurance_claim_status_history?.map((row) => row.changedBy)).toEqual([null, 'adjuster-1']);
});

it('keeps records their period, children going before their parents, and never a policy or plan in force', async () => {
  const { caller, policyId, medicalId } = await ownerWithRecords('retention-owner');
  const tables = sql`select (select count(*) from healthcare.insurance_policies where id = ${policyId})::int as policies,
    (select count(*) from healthcare.insurance_claims where policy_id = ${policyId})::int as claims,
    (select count(*) from healthcare.medical_subscriptions where id = ${medicalId})::int as subscriptions,
    (select count(*) from healthcare.telemedicine_consultations where subscription_id = ${medicalId})::int as consultations`;
  expect(rowsOf(await subject.db.execute(tables))).toEqual([{ policies: 1, claims: 1, subscriptions: 1, consultations: 1 }]);

  // Seven years on, the claim and its history go; the ACTIVE policy and running subscription stay, and the
  // consultation (a health record) keeps its subscription for ten years.
  await applyRetention(subject.db, healthcare.retention!, { asOf: yearsFromNow(8) });
  expect(rowsOf(await subject.db.execute(tables))).toEqual([{ policies: 1, claims: 0, subscriptions: 1, consultations: 1 }]);

  ok(await subject.run(`mutation($id: ID!) { cancelInsurancePolicy(id: $id) { id } }`, { id: policyId }, caller));
  ok(await subject.run(`mutation($id: ID!) { cancelMedicalSubscription(id: $id) { id } }`, { id: medicalId }, caller));
  await applyRetention(subject.db, healthcare.retention!, { asOf: yearsFromNow(12) });
  expect(rowsOf(await subject.db.execute(tables))).toEqual([{ policies: 0, claims: 0, subscriptions: 0, consultations: 0 }]);
});
