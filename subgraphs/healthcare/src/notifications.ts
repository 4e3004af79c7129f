import { notificationsTable } from '@psa/subgraph-kit';
import { healthcareSchema } from './db-schema';

/** Healthcare's notifications to owners: appointment reminders (the kit's mechanism; exported for drizzle-kit). */
export const notifications = notificationsTable(healthcareSchema);
