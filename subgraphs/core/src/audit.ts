import { auditTable } from '@psa/subgraph-kit';
import { coreSchema } from './db-schema';

/** Core's audit log: a row per mutation, in the change's transaction (exported for drizzle-kit). */
export const auditLog = auditTable(coreSchema);
