import { auditTable } from '@psa/subgraph-kit';
import { trainingSchema } from './db-schema';

/** training's audit log: a row per mutation, in the change's transaction (exported for drizzle-kit). */
export const auditLog = auditTable(trainingSchema);
