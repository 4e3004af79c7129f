import { randomInt } from 'node:crypto';
import { badInput, nonNegativeInteger, optionalText, requiredText, toIsoDate } from '@psa/subgraph-kit';
import type { InsuranceClaimStatus, InsuranceCoverageType, InsurancePolicyStatus, InsuranceQuoteInput } from '../../generated/resolvers';

/**
 * The monthly premium, in cents, of a reference policy (accident and illness, $5,000 a year, $250 deductible, 80 %
 * reimbursed) for a pet under one year old. Species core does not name here price as OTHER.
 */
export const BASE_MONTHLY_PREMIUM_CENTS: Readonly<Record<string, number>> = {
  DOG: 3_800,
  CAT: 2_400,
  RABBIT: 1_700,
  BIRD: 1_500,
  OTHER: 2_000,
};

/** What each cover costs against the reference (accident and illness). */
export const COVERAGE_FACTOR: Readonly<Record<InsuranceCoverageType, number>> = {
  ACCIDENT_ONLY: 0.45,
  ACCIDENT_AND_ILLNESS: 1,
  COMPREHENSIVE: 1.35,
};

/** Older pets claim more: the factor for the pet's age in whole years, from the first band it is under. */
export const AGE_FACTORS: readonly { under: number; factor: number }[] = [
  { under: 1, factor: 1 },
  { under: 4, factor: 1.1 },
  { under: 7, factor: 1.35 },
  { under: 10, factor: 1.8 },
  { under: 13, factor: 2.4 },
  { under: Infinity, factor: 3 },
];

const REFERENCE = { annualLimitCents: 500_000, deductibleCents: 25_000, reimbursementPercent: 80 };
export const LIMITS = {
  annualLimitCents: { min: 100_000, max: 10_000_000 },
  deductibleCents: { max: 1_000_000 },
  reimbursementPercent: { min: 50, max: 100 },
};

/** Whole years between the birth date and `on` (both YYYY-MM-DD). */
export function ageInYears(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const years = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return Math.max(0, years);
}

export const ageFactor = (age: number) => AGE_FACTORS.find((band) => age < band.under)!.factor;

export interface PolicyTerms {
  coverageType: InsuranceCoverageType;
  annualLimitCents: number;
  deductibleCents: number;
  reimbursementPercent: number;
}

/** The terms a caller asked for, checked: each bad one is BAD_USER_INPUT naming `input.<field>`. */
export function policyTerms(input: InsuranceQuoteInput, prefix = 'input'): PolicyTerms {
  const limit = nonNegativeInteger(`${prefix}.annualLimitCents`, input.annualLimitCents);
  if (limit < LIMITS.annualLimitCents.min || limit > LIMITS.annualLimitCents.max)
    throw badInput(`${prefix}.annualLimitCents`, `must be between ${LIMITS.annualLimitCents.min} and ${LIMITS.annualLimitCents.max} cents, got ${limit}`);
  const deductible = nonNegativeInteger(`${prefix}.deductibleCents`, input.deductibleCents);
  if (deductible > LIMITS.deductibleCents.max)
    throw badInput(`${prefix}.deductibleCents`, `must be at most ${LIMITS.deductibleCents.max} cents, got ${deductible}`);
  if (deductible >= limit) throw badInput(`${prefix}.deductibleCents`, `must be less than the annual limit (${limit}), got ${deductible}`);
  const percent = input.reimbursementPercent;
  const { min, max } = LIMITS.reimbursementPercent;
  if (!Number.isInteger(percent) || percent < min || percent > max)
    throw badInput(`${prefix}.reimbursementPercent`, `must be a whole number between ${min} and ${max}, got ${percent}`);
  return { coverageType: input.coverageType, annualLimitCents: limit, deductibleCents: deductible, reimbursementPercent: percent };
}

/**
 * The monthly premium in cents: the species' base rate, times the factors of the pet's age, the cover, the annual
 * limit (a higher limit costs less than in proportion), the deductible (each $1,000 takes 10 % off, at most 30 %)
 * and the reimbursed share (against 80 %). Rounded to whole cents once, at the end.
 */
export function monthlyPremiumCents(species: string, age: number, terms: PolicyTerms): number {
  const base = BASE_MONTHLY_PREMIUM_CENTS[species] ?? BASE_MONTHLY_PREMIUM_CENTS.OTHER!;
  const limit = (terms.annualLimitCents / REFERENCE.annualLimitCents) ** 0.4;
  const deductible = 1 - Math.min(0.3, ((terms.deductibleCents - REFERENCE.deductibleCents) / 100_000) * 0.1);
  const reimbursement = terms.reimbursementPercent / REFERENCE.reimbursementPercent;
  return Math.round(base * ageFactor(age) * COVERAGE_FACTOR[terms.coverageType] * limit * deductible * reimbursement);
}

/** Who may move a policy where. Owners only cancel; claims staff lapse, reinstate and expire. */
export const POLICY_TRANSITIONS: Readonly<Record<InsurancePolicyStatus, readonly InsurancePolicyStatus[]>> = {
  ACTIVE: ['LAPSED', 'CANCELLED', 'EXPIRED'],
  LAPSED: ['ACTIVE', 'CANCELLED', 'EXPIRED'],
  CANCELLED: [],
  EXPIRED: [],
};

/**
 * A claim's only ways forward: reviewed, then approved or denied; only an approved claim is paid. A claim may be
 * decided straight from SUBMITTED (a clear-cut claim needs no separate review step).
 */
export const CLAIM_TRANSITIONS: Readonly<Record<InsuranceClaimStatus, readonly InsuranceClaimStatus[]>> = {
  SUBMITTED: ['UNDER_REVIEW', 'APPROVED', 'DENIED'],
  UNDER_REVIEW: ['APPROVED', 'DENIED'],
  APPROVED: ['PAID'],
  DENIED: [],
  PAID: [],
};

/** Claims that draw on the cover: approved ones (to be paid) and paid ones. */
export const CLAIMS_DRAWING_COVER: readonly InsuranceClaimStatus[] = ['APPROVED', 'PAID'];

/** The cover left in the policy year: the annual limit less what approved and paid claims already take. */
export function remainingCoverCents(annualLimitCents: number, drawnCents: number): number {
  return Math.max(0, annualLimitCents - drawnCents);
}

/** An approved payout: a whole number of cents, at most the amount claimed and at most the cover left. */
export function approvedAmount(field: string, value: number | null | undefined, claimedCents: number, remainingCents: number): number {
  if (value === null || value === undefined) throw badInput(field, 'is required to approve a claim');
  const amount = nonNegativeInteger(field, value);
  if (amount > claimedCents) throw badInput(field, `must not exceed the amount claimed (${claimedCents}), got ${amount}`);
  if (amount > remainingCents) throw badInput(field, `must not exceed the policy's remaining cover (${remainingCents}), got ${amount}`);
  return amount;
}

/** A claim is for a treatment inside the policy year, and not in the future. */
export function treatmentDate(field: string, value: Date, policy: { startDate: string; endDate: string }, today = new Date()): string {
  const iso = toIsoDate(value);
  if (iso > toIsoDate(today)) throw badInput(field, `must not be in the future, got ${iso}`);
  if (iso < policy.startDate || iso > policy.endDate)
    throw badInput(field, `must be within the policy year ${policy.startDate}..${policy.endDate}, got ${iso}`);
  return iso;
}

/** A policy starts today or later, and within a year. */
export function policyStartDate(field: string, value: Date | null | undefined, today = new Date()): string {
  const todayIso = toIsoDate(today);
  if (value === null || value === undefined) return todayIso;
  const iso = toIsoDate(value);
  if (iso < todayIso) throw badInput(field, `must not be in the past, got ${iso}`);
  if (iso > addYears(todayIso, 1)) throw badInput(field, `must be within a year from today, got ${iso}`);
  return iso;
}

/** The same calendar day `years` later (29 February becomes 28 February). */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + years, m - 1, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** The last day of cover: one policy year from the start, inclusive. */
export function policyEndDate(startDate: string): string {
  const next = new Date(`${addYears(startDate, 1)}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() - 1);
  return next.toISOString().slice(0, 10);
}

// No 0/O, 1/I/L: numbers read over the phone.
const READABLE = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A human-readable reference such as HP-2026-7KQ3MXW9: 31^8 (about 8.5e11) per prefix and year; unique index behind it. */
export function readableNumber(prefix: string, today = new Date()): string {
  const code = Array.from({ length: 8 }, () => READABLE[randomInt(READABLE.length)]).join('');
  return `${prefix}-${today.getUTCFullYear()}-${code}`;
}

export interface ClaimInputValues {
  diagnosis: string;
  description: string | null;
  invoiceReference: string | null;
  claimedAmountCents: number;
}

export function claimValues(input: {
  diagnosis: string;
  description?: string | null;
  invoiceReference?: string | null;
  claimedAmountCents: number;
}): ClaimInputValues {
  const claimed = nonNegativeInteger('input.claimedAmountCents', input.claimedAmountCents);
  if (claimed === 0) throw badInput('input.claimedAmountCents', 'must be greater than 0');
  return {
    diagnosis: requiredText('input.diagnosis', input.diagnosis, 500),
    description: optionalText('input.description', input.description, 4000),
    invoiceReference: optionalText('input.invoiceReference', input.invoiceReference, 100),
    claimedAmountCents: claimed,
  };
}
