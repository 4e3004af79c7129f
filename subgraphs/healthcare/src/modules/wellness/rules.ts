import { badInput, toIsoDate } from '@psa/subgraph-kit';
import type { WellnessPlanTier } from '../../generated/resolvers';
import { addMonths } from '../telemedicine/rules';

/** What each wellness tier costs a month (integer cents, USD) and includes; each tier adds to the one before. */
export const WELLNESS_TIERS: Readonly<Record<WellnessPlanTier, { monthlyPriceCents: number; includedServices: readonly string[] }>> = {
  ESSENTIAL: { monthlyPriceCents: 1_999, includedServices: ['yearly wellness exam', 'core vaccines'] },
  PLUS: {
    monthlyPriceCents: 3_499,
    includedServices: ['yearly wellness exam', 'core vaccines', 'parasite prevention', 'dental check', 'fecal test'],
  },
  COMPLETE: {
    monthlyPriceCents: 5_499,
    includedServices: ['yearly wellness exam', 'core vaccines', 'parasite prevention', 'dental check', 'fecal test', 'dental cleaning', 'yearly blood work'],
  },
};

export const MAX_START_DAYS_AHEAD = 90;

/** A plan starts today or later, within MAX_START_DAYS_AHEAD days; today when absent. */
export function wellnessStartDate(field: string, value: Date | null | undefined, today = new Date()): string {
  const todayIso = toIsoDate(today);
  if (value === null || value === undefined) return todayIso;
  const iso = toIsoDate(value);
  if (iso < todayIso) throw badInput(field, `must not be in the past, got ${iso}`);
  const latest = toIsoDate(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + MAX_START_DAYS_AHEAD)));
  if (iso > latest) throw badInput(field, `must be within ${MAX_START_DAYS_AHEAD} days from today (${latest}), got ${iso}`);
  return iso;
}

/** The first bill is a month after the start. */
export const firstBillingDate = (startDate: string) => toIsoDate(addMonths(new Date(`${startDate}T00:00:00Z`), 1));
