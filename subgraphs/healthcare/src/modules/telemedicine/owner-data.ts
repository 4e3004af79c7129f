import { eq, sql } from 'drizzle-orm';
import type { OwnerDataTable, OwnerKeys, RetentionRule } from '@psa/subgraph-kit';
import { medicalSubscriptions, telemedicineConsultations } from './tables';

const consultationsOf = (o: OwnerKeys) =>
  sql`${telemedicineConsultations.subscriptionId} in (select ${medicalSubscriptions.id} from ${medicalSubscriptions} where ${medicalSubscriptions.ownerId} = ${o.ownerId})`;

/**
 * The owner's telemedicine subscriptions (billing records: transactions) and their consultations (health records).
 * Erasure keeps both for their periods; they name the owner only by core's id, which core erases.
 */
export const telemedicineOwnerData: OwnerDataTable[] = [
  { table: medicalSubscriptions, rows: (o) => eq(medicalSubscriptions.ownerId, o.ownerId), erase: { keep: 'transactions' } },
  { table: telemedicineConsultations, rows: consultationsOf, erase: { keep: 'health records' } },
];

/** Consultations 10 years from when they took place; subscriptions 7 years after they ended, once no consultation refers to them. */
export const telemedicineRetention: RetentionRule[] = [
  { kind: 'health records', table: telemedicineConsultations, from: telemedicineConsultations.scheduledAt },
  {
    kind: 'transactions',
    table: medicalSubscriptions,
    from: sql`coalesce(${medicalSubscriptions.cancelledAt}, ${medicalSubscriptions.nextBillingDate})`,
    keepWhile: sql`${medicalSubscriptions.status} in ('ACTIVE', 'PAUSED') or exists (select 1 from healthcare.telemedicine_consultations c where c.subscription_id = ${medicalSubscriptions.id})`,
  },
];
