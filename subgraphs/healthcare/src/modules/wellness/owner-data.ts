import { inArray, sql } from 'drizzle-orm';
import type { OwnerDataTable, RetentionRule } from '@psa/subgraph-kit';
import { wellnessPlans } from './tables';

/** Wellness plans are billed monthly: billing records, kept as transactions on erasure (they name only the pet). */
export const wellnessOwnerData: OwnerDataTable[] = [
  { table: wellnessPlans, rows: (o) => inArray(wellnessPlans.petId, o.petIds), erase: { keep: 'transactions' } },
];

/** Kept 7 years after they ended (cancelled) or were last billed; never while they run. */
export const wellnessRetention: RetentionRule[] = [
  {
    kind: 'transactions',
    table: wellnessPlans,
    from: sql`coalesce(${wellnessPlans.cancelledAt}::date, ${wellnessPlans.nextBillingDate}, ${wellnessPlans.startDate})`,
    keepWhile: sql`${wellnessPlans.status} in ('ACTIVE', 'PAUSED')`,
  },
];
