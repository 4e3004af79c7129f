import { notificationsTable } from '@psa/subgraph-kit';
import { trainingSchema } from './db-schema';

/** Training's notifications to owners and trainers (the kit's mechanism; exported for drizzle-kit). */
export const notifications = notificationsTable(trainingSchema);
