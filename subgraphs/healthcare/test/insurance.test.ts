import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { subgraphUnderTest, type SubgraphUnderTest } from '@psa/testing';
import { healthcare } from '../src';
import { ageInYears, CLAIM_TRANSITIONS, monthlyPremiumCents, policyEndDate, remainingCoverCents, type PolicyTerms } from '../src/modules/insurance/rules';
import { assertTransition } from '@psa/subgraph-kit';
import { copiedOwner, copiedPet, countOf, daysFromToday, ok, refusal } from './fixtures';

/** healthcare's insurance, in process: no gateway, no broker, a throwaway PGlite. */
let subject: SubgraphUnderTest;
let ownerId: string;
let strangerId: string;
const owner = { subject: 'insured-owner' };
const stranger = { subject: 'insured-stranger' };
const adjuster = { subject: 'adjuster-1', roles: ['insurance_adjuster'] };
const admin = { subject: 'admin-1', roles: ['admin'] };
const TERMS = { coverageType: 'ACCIDENT_AND_ILLNESS', annualLimitCents: 500_000, deductibleCents: 25_000, reimbursementPercent: 80 };
const REFERENCE: PolicyTerms = { ...TERMS, coverageType: 'ACCIDENT_AND_ILLNESS' };

const QUOTE = `query($p: ID!, $i: InsuranceQuoteInput!) { insuranceQuote(petId: $p, input: $i) { species ageYears monthlyPremiumCents annualPremiumCents } }`;
const ISSUE = `mutation($i: IssueInsurancePolicyInput!) { issueInsurancePolicy(input: $i) {
  id policyNumber status premiumCents startDate endDate annualLimitCents coverUsedCents remainingCoverCents } }`;
const FILE = `mutation($i: FileInsuranceClaimInput!) { fileInsuranceClaim(input: $i) { id claimNumber status claimedAmountCents } }`;
const MOVE = `mutation($i: ChangeInsuranceClaimStatusInput!) { changeInsuranceClaimStatus(input: $i) {
  status approvedAmountCents paymentReference policy { coverUsedCents remainingCoverCents }
  statusHistory { previousStatus newStatus changedBy reason } } }`;
const POLICIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pet { insurancePolicies { policyNumber claims { claimNumber } } } } }`;

beforeAll(async () => {
  subject = await subgraphUnderTest(healthcare);
  ownerId = await copiedOwner(subject, owner.subject);
  strangerId = await copiedOwner(subject, stranger.subject);
}, 60_000);
afterAll(() => subject?.close());

async function issuedPolicy(overrides: Partial<typeof TERMS> = {}) {
  const petId = await copiedPet(subject, ownerId);
  const { issueInsurancePolicy } = ok(await subject.run(ISSUE, { i: { petId, ...TERMS, ...overrides } }, owner));
  return { petId, policy: issueInsurancePolicy };
}

async function filedClaim(policyId: string, claimedAmountCents: number) {
  const filed = ok(await subject.run(FILE, { i: { policyId, treatmentDate: daysFromToday(0), diagnosis: 'Sprained paw', claimedAmountCents } }, owner));
  return filed.fileInsuranceClaim;
}

describe('premium rules', () => {
  it('price the reference policy at the species base rate, and more for older pets and wider cover', () => {
    expect(monthlyPremiumCents('DOG', 0, REFERENCE)).toBe(3_800);
    expect(monthlyPremiumCents('CAT', 0, REFERENCE)).toBe(2_400);
    expect(monthlyPremiumCents('IGUANA', 0, REFERENCE)).toBe(monthlyPremiumCents('OTHER', 0, REFERENCE));
    expect(monthlyPremiumCents('DOG', 8, REFERENCE)).toBe(Math.round(3_800 * 1.8));
    expect(monthlyPremiumCents('DOG', 3, { ...REFERENCE, coverageType: 'ACCIDENT_ONLY' })).toBeLessThan(monthlyPremiumCents('DOG', 3, REFERENCE));
    expect(monthlyPremiumCents('DOG', 3, { ...REFERENCE, coverageType: 'COMPREHENSIVE' })).toBeGreaterThan(monthlyPremiumCents('DOG', 3, REFERENCE));
    expect(monthlyPremiumCents('DOG', 3, { ...REFERENCE, deductibleCents: 525_000 })).toBe(Math.round(3_800 * 1.1 * 0.7));
    expect(Number.isInteger(monthlyPremiumCents('BIRD', 5, { ...REFERENCE, annualLimitCents: 123_457, reimbursementPercent: 73 }))).toBe(true);
  });

  it('count age in whole years and a policy year as one year less a day', () => {
    expect(ageInYears('2020-06-01', '2026-05-31')).toBe(5);
    expect(ageInYears('2020-06-01', '2026-06-01')).toBe(6);
    expect(policyEndDate('2026-03-01')).toBe('2027-02-28');
    expect(policyEndDate('2024-02-29')).toBe('2025-02-27');
  });

  it('let a claim be paid only once approved, and nothing follow a payment or a denial', () => {
    expect(() => assertTransition(CLAIM_TRANSITIONS, 'input.status', 'claim', 'APPROVED', 'PAID')).not.toThrow();
    for (const from of ['SUBMITTED', 'UNDER_REVIEW', 'DENIED', 'PAID'] as const) {
      expect(() => assertTransition(CLAIM_TRANSITIONS, 'input.status', 'claim', from, 'PAID')).toThrow(/cannot become PAID/);
    }
    expect(CLAIM_TRANSITIONS.DENIED).toEqual([]);
    expect(remainingCoverCents(100_000, 130_000)).toBe(0);
  });
});

it("quotes from healthcare's copy of the pet: species and age", async () => {
  const petId = await copiedPet(subject, ownerId, { species: 'CAT', birthDate: daysFromToday(-366 * 4) });
  const { insuranceQuote } = ok(await subject.run(QUOTE, { p: petId, i: TERMS }, owner));
  expect(insuranceQuote).toEqual({
    species: 'CAT',
    ageYears: 4,
    monthlyPremiumCents: Math.round(2_400 * 1.35),
    annualPremiumCents: Math.round(2_400 * 1.35) * 12,
  });
  expect(refusal(await subject.run(QUOTE, { p: petId, i: TERMS }, stranger))).toEqual({ code: 'FORBIDDEN', field: undefined });
  expect(refusal(await subject.run(QUOTE, { p: petId, i: { ...TERMS, reimbursementPercent: 45 } }, owner))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'input.reimbursementPercent',
  });
});

it('issues a policy to the pet owner, priced as quoted, with the whole limit as remaining cover', async () => {
  const petId = await copiedPet(subject, ownerId, { birthDate: daysFromToday(-366 * 2) });
  const { issueInsurancePolicy: policy } = ok(await subject.run(ISSUE, { i: { petId, ...TERMS } }, owner));
  expect(policy).toMatchObject({
    status: 'ACTIVE',
    premiumCents: 4_180,
    startDate: daysFromToday(0),
    annualLimitCents: 500_000,
    coverUsedCents: 0,
    remainingCoverCents: 500_000,
  });
  expect(policy.policyNumber).toMatch(/^HP-\d{4}-[2-9A-HJKMNP-Z]{8}$/);
  expect(policy.endDate).toBe(policyEndDate(policy.startDate));
  const again = await subject.run(ISSUE, { i: { petId, ...TERMS } }, owner);
  expect(refusal(again)).toEqual({ code: 'CONFLICT', field: 'input.petId' });
});

it("refuses another owner's pet (FORBIDDEN), a dead pet (BAD_USER_INPUT), a deleted one (NOT_FOUND) and bad terms, naming the field", async () => {
  const petId = await copiedPet(subject, ownerId);
  expect(refusal(await subject.run(ISSUE, { i: { petId, ...TERMS } }, stranger)).code).toBe('FORBIDDEN');
  const dead = await copiedPet(subject, ownerId, { status: 'DECEASED' });
  expect(refusal(await subject.run(ISSUE, { i: { petId: dead, ...TERMS } }, owner))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.petId' });
  const gone = await copiedPet(subject, ownerId, { deleted: true });
  expect(refusal(await subject.run(ISSUE, { i: { petId: gone, ...TERMS } }, owner)).code).toBe('NOT_FOUND');
  for (const [bad, field] of [
    [{ annualLimitCents: -1 }, 'input.annualLimitCents'],
    [{ annualLimitCents: 50_000 }, 'input.annualLimitCents'],
    [{ deductibleCents: -5 }, 'input.deductibleCents'],
    [{ reimbursementPercent: 101 }, 'input.reimbursementPercent'],
    [{ startDate: daysFromToday(-1) }, 'input.startDate'],
  ] as const) {
    expect(refusal(await subject.run(ISSUE, { i: { petId, ...TERMS, ...bad } }, owner))).toEqual({ code: 'BAD_USER_INPUT', field });
  }
  expect(await countOf(subject, sql`select count(*)::int as count from healthcare.insurance_policies where pet_id = ${petId}`)).toBe(0);
});

it('moves a claim SUBMITTED → UNDER_REVIEW → APPROVED → PAID, recording each change, and draws on the cover', async () => {
  const { policy } = await issuedPolicy();
  const claim = await filedClaim(policy.id, 120_000);
  expect(claim).toMatchObject({ status: 'SUBMITTED', claimedAmountCents: 120_000 });
  expect(claim.claimNumber).toMatch(/^CL-\d{4}-/);
  ok(await subject.run(MOVE, { i: { claimId: claim.id, status: 'UNDER_REVIEW' } }, adjuster));
  const approved = ok(await subject.run(MOVE, { i: { claimId: claim.id, status: 'APPROVED', approvedAmountCents: 90_000, reason: 'deductible' } }, adjuster));
  expect(approved.changeInsuranceClaimStatus.policy).toEqual({ coverUsedCents: 90_000, remainingCoverCents: 410_000 });
  const paid = ok(await subject.run(MOVE, { i: { claimId: claim.id, status: 'PAID', paymentReference: 'PAY-1' } }, admin));
  expect(paid.changeInsuranceClaimStatus).toMatchObject({ status: 'PAID', approvedAmountCents: 90_000, paymentReference: 'PAY-1' });
  expect(paid.changeInsuranceClaimStatus.statusHistory).toEqual([
    { previousStatus: null, newStatus: 'SUBMITTED', changedBy: owner.subject, reason: null },
    { previousStatus: 'SUBMITTED', newStatus: 'UNDER_REVIEW', changedBy: adjuster.subject, reason: null },
    { previousStatus: 'UNDER_REVIEW', newStatus: 'APPROVED', changedBy: adjuster.subject, reason: 'deductible' },
    { previousStatus: 'APPROVED', newStatus: 'PAID', changedBy: admin.subject, reason: null },
  ]);
  expect(paid.changeInsuranceClaimStatus.policy.remainingCoverCents).toBe(410_000);
});

it('refuses a move the transition table does not allow, a payout above the remaining cover, and owners deciding claims', async () => {
  const { policy } = await issuedPolicy({ annualLimitCents: 100_000, deductibleCents: 0 });
  const first = await filedClaim(policy.id, 80_000);
  const second = await filedClaim(policy.id, 50_000);
  expect(refusal(await subject.run(MOVE, { i: { claimId: first.id, status: 'PAID', paymentReference: 'X' } }, adjuster))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'input.status',
  });
  expect(refusal(await subject.run(MOVE, { i: { claimId: first.id, status: 'APPROVED', approvedAmountCents: 80_000 } }, owner)).code).toBe('FORBIDDEN');
  expect(refusal(await subject.run(MOVE, { i: { claimId: first.id, status: 'APPROVED' } }, adjuster))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'input.approvedAmountCents',
  });
  expect(refusal(await subject.run(MOVE, { i: { claimId: first.id, status: 'DENIED' } }, adjuster))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  ok(await subject.run(MOVE, { i: { claimId: first.id, status: 'APPROVED', approvedAmountCents: 80_000 } }, adjuster));
  const over = await subject.run(MOVE, { i: { claimId: second.id, status: 'APPROVED', approvedAmountCents: 20_001 } }, adjuster);
  expect(refusal(over)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.approvedAmountCents' });
  expect(over.errors?.[0]?.message).toContain('remaining cover (20000)');
  const within = ok(await subject.run(MOVE, { i: { claimId: second.id, status: 'APPROVED', approvedAmountCents: 20_000 } }, adjuster));
  expect(within.changeInsuranceClaimStatus.policy.remainingCoverCents).toBe(0);
  // A refusal changed nothing: only the two filings and the two approvals are recorded.
  const history = sql`select count(*)::int as count from healthcare.insurance_claim_status_history h
    join healthcare.insurance_claims c on c.id = h.claim_id where c.policy_id = ${policy.id}`;
  expect(await countOf(subject, history)).toBe(4);
});

it('lets only the pet owner file claims, on an ACTIVE policy, for a treatment in the policy year, naming bad fields', async () => {
  const { policy } = await issuedPolicy();
  const claim = { policyId: policy.id, treatmentDate: daysFromToday(0), diagnosis: 'Ear infection', claimedAmountCents: 10_000 };
  expect(refusal(await subject.run(FILE, { i: claim }, stranger)).code).toBe('FORBIDDEN');
  expect(refusal(await subject.run(FILE, { i: { ...claim, claimedAmountCents: 0 } }, owner))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'input.claimedAmountCents',
  });
  expect(refusal(await subject.run(FILE, { i: { ...claim, diagnosis: '  ' } }, owner))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.diagnosis' });
  expect(refusal(await subject.run(FILE, { i: { ...claim, treatmentDate: daysFromToday(2) } }, owner))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'input.treatmentDate',
  });
  expect(refusal(await subject.run(FILE, { i: { ...claim, vetProviderId: randomUUID() } }, owner)).code).toBe('NOT_FOUND');
  ok(await subject.run(`mutation($id: ID!) { cancelInsurancePolicy(id: $id) { status } }`, { id: policy.id }, owner));
  expect(refusal(await subject.run(FILE, { i: claim }, owner))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.policyId' });
});

it("shows policies and claims to the pet's owner and claims staff only (IDOR: another owner reads nothing, changes nothing)", async () => {
  const { petId, policy } = await issuedPolicy();
  const claim = await filedClaim(policy.id, 5_000);
  const own = ok(await subject.run(POLICIES, { r: [{ __typename: 'Pet', id: petId, viewerAccess: subject.grant('Pet', petId, owner.subject) }] }, owner));
  expect(own._entities[0].insurancePolicies).toEqual([{ policyNumber: policy.policyNumber, claims: [{ claimNumber: claim.claimNumber }] }]);
  // Core signs no grant for a stranger: one without a grant, or with the owner's, reads nothing.
  for (const viewerAccess of [null, subject.grant('Pet', petId, owner.subject)]) {
    const foreign = await subject.run(POLICIES, { r: [{ __typename: 'Pet', id: petId, viewerAccess }] }, stranger);
    expect(refusal(foreign).code).toBe('FORBIDDEN');
  }
  const staff = ok(await subject.run(POLICIES, { r: [{ __typename: 'Pet', id: petId, viewerAccess: null }] }, adjuster));
  expect(staff._entities[0].insurancePolicies).toHaveLength(1);
  const byId = `query($p: ID!, $c: ID!) { insurancePolicy(id: $p) { policyNumber } insuranceClaim(id: $c) { claimNumber } }`;
  expect(ok(await subject.run(byId, { p: policy.id, c: claim.id }, stranger))).toEqual({ insurancePolicy: null, insuranceClaim: null });
  expect(ok(await subject.run(byId, { p: policy.id, c: claim.id }, owner))).toEqual({
    insurancePolicy: { policyNumber: policy.policyNumber },
    insuranceClaim: { claimNumber: claim.claimNumber },
  });
  expect(refusal(await subject.run(`mutation($id: ID!) { cancelInsurancePolicy(id: $id) { status } }`, { id: policy.id }, stranger)).code).toBe('FORBIDDEN');
  expect(refusal(await subject.run(`query { insuranceClaims(status: SUBMITTED) { id } }`, {}, owner)).code).toBe('FORBIDDEN');
  expect(strangerId).not.toBe(ownerId);
});
