import { auditTable } from '@psa/subgraph-kit';
import { healthcareSchema } from './db-schema';

/** healthcare's audit log: a row per mutation, in the change's transaction (exported for drizzle-kit). */
export const auditLog = auditTable(healthcareSchema);
