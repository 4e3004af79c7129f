import { join } from 'node:path';
import { migrateSchema, type Database } from '@psa/db';

/** The PostgreSQL schema the gateway owns, like a subgraph owns its own. */
export const GATEWAY_SCHEMA = 'gateway';
export const GATEWAY_MIGRATIONS = join(__dirname, '..', '..', 'drizzle');

/** Applies the gateway's committed migrations (under the per-schema advisory lock on PostgreSQL). */
export function migrateGatewaySchema(database: Database): Promise<void> {
  return migrateSchema(database, { schema: GATEWAY_SCHEMA, migrationsFolder: GATEWAY_MIGRATIONS });
}
