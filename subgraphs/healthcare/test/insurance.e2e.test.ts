import { core } from '@psa/core';
import { startTestStack, type TestStack } from '@psa/testing';
import { healthcare } from '../src';

/** Insurance through the gateway, on real PostgreSQL and Kafka: core's pet reaches healthcare's copy by events. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([core, healthcare]);
}, 120_000);
afterAll(() => stack?.close());

async function must(query: string, variables: Record<string, unknown>, token: string) {
  const res = await stack.query(query, variables, token);
  if (res.errors) throw new Error(query + ': ' + JSON.stringify(res.errors));
  return res.data;
}

async function ownerWithPet(subject: string): Promise<{ token: string; petId: string }> {
  const token = await stack.token(subject);
  await must(
    'mutation($i: CreateOwnerInput!) { createOwner(input: $i) { id } }',
    { i: { email: subject + '@example.com', firstName: 'Test', lastName: subject } },
    token,
  );
  const { registerPet } = await must(
    'mutation($i: RegisterPetInput!) { registerPet(input: $i) { id } }',
    { i: { name: 'Biscuit', species: 'DOG', sex: 'FEMALE', birthDate: '2021-03-01', weight: 22 } },
    token,
  );
  await stack.settle();
  return { token, petId: registerPet.id };
}

const ISSUE = `mutation($i: IssueInsurancePolicyInput!) { issueInsurancePolicy(input: $i) { id policyNumber } }`;
const FILE = `mutation($i: FileInsuranceClaimInput!) { fileInsuranceClaim(input: $i) { id } }`;
const MOVE = `mutation($i: ChangeInsuranceClaimStatusInput!) { changeInsuranceClaimStatus(input: $i) { status approvedAmountCents } }`;
const today = () => new Date().toISOString().slice(0, 10);

it('an owner insures their pet and claims; concurrent approvals never exceed the annual limit; the owner reads it all from me', async () => {
  const owner = await ownerWithPet('insured-e2e-owner');
  const adjuster = await stack.token('adjuster-e2e', ['insurance_adjuster']);
  const limit = 100_000;
  const { issueInsurancePolicy: policy } = await must(
    ISSUE,
    { i: { petId: owner.petId, coverageType: 'ACCIDENT_AND_ILLNESS', annualLimitCents: limit, deductibleCents: 0, reimbursementPercent: 90 } },
    owner.token,
  );
  const file = async (claimedAmountCents: number) =>
    (await must(FILE, { i: { policyId: policy.id, treatmentDate: today(), diagnosis: 'Torn ligament', claimedAmountCents } }, owner.token)).fileInsuranceClaim
      .id as string;

  const first = await file(10_000);
  await must(MOVE, { i: { claimId: first, status: 'UNDER_REVIEW' } }, adjuster);
  await must(MOVE, { i: { claimId: first, status: 'APPROVED', approvedAmountCents: 10_000 } }, adjuster);

  // 10 claims of 20,000 against the 90,000 left: 200,000 asked for at once, at most 4 of them fit.
  const claims = [];
  for (let i = 0; i < 10; i++) claims.push(await file(20_000));
  const answers = await Promise.all(claims.map((claimId) => stack.query(MOVE, { i: { claimId, status: 'APPROVED', approvedAmountCents: 20_000 } }, adjuster)));
  const approved = answers.filter((a) => a.data?.changeInsuranceClaimStatus?.status === 'APPROVED');
  const refused = answers.filter((a) => a.errors);
  expect(approved).toHaveLength(4);
  expect(refused).toHaveLength(6);
  for (const answer of refused) expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.approvedAmountCents' });

  const { rows } = await stack.subgraphs.healthcare!.sql.query(
    `select coalesce(sum(approved_amount_cents), 0)::int as drawn, count(*) filter (where status = 'APPROVED')::int as approved
       from healthcare.insurance_claims where policy_id = $1`,
    [policy.id],
  );
  expect(rows).toEqual([{ drawn: 90_000, approved: 5 }]);
  expect(rows[0].drawn).toBeLessThanOrEqual(limit);

  const { me } = await must(
    `{ me { pets { insurancePolicies { policyNumber status coverUsedCents remainingCoverCents claims { status approvedAmountCents statusHistory { newStatus } } } } } }`,
    {},
    owner.token,
  );
  const [read] = me.pets[0].insurancePolicies;
  expect(read).toMatchObject({ policyNumber: policy.policyNumber, status: 'ACTIVE', coverUsedCents: 90_000, remainingCoverCents: 10_000 });
  expect(read.claims).toHaveLength(11);
  expect(read.claims.filter((c: { status: string }) => c.status === 'APPROVED')).toHaveLength(5);
  expect(read.claims.find((c: { statusHistory: unknown[] }) => c.statusHistory.length === 3).statusHistory).toEqual([
    { newStatus: 'SUBMITTED' },
    { newStatus: 'UNDER_REVIEW' },
    { newStatus: 'APPROVED' },
  ]);

  // Another owner reads nothing of it through the gateway: core gives them no pet.
  const stranger = await ownerWithPet('insured-e2e-stranger');
  const seen = await stack.query('query($p: ID!) { pet(id: $p) { insurancePolicies { id } } }', { p: owner.petId }, stranger.token);
  expect(seen.data).toEqual({ pet: null });
  const filed = await stack.query(FILE, { i: { policyId: policy.id, treatmentDate: today(), diagnosis: 'x', claimedAmountCents: 100 } }, stranger.token);
  expect(filed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
