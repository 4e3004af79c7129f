import { auditTable } from '@psa/subgraph-kit';
import { licensureSchema } from './db-schema';

/** Licensure's audit log: a row per mutation, in the change's transaction (exported for drizzle-kit). */
export const auditLog = auditTable(licensureSchema);
