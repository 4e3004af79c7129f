import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './postgres';

export interface MigrateOptions {
  /** The PostgreSQL schema the subgraph owns; its migrations table lives there too. */
  schema: string;
  /** Folder of committed drizzle-kit migrations. */
  migrationsFolder: string;
}

export const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * Applies a subgraph's committed migrations. The same files run in a database of the subgraph's own and in a
 * shared database, because every table and the migrations table live in the subgraph's schema.
 */
export async function migrateSchema(database: Database, { schema, migrationsFolder }: MigrateOptions): Promise<void> {
  if (!/^[a-z][a-z0-9_]*$/.test(schema)) throw new Error(`schema name must be snake_case, got "${schema}"`);
  if (!existsSync(join(migrationsFolder, 'meta', '_journal.json'))) {
    throw new Error(`no drizzle-kit journal in ${migrationsFolder}: run "pnpm db:generate" for this subgraph`);
  }
  const config = { migrationsFolder, migrationsSchema: schema, migrationsTable: MIGRATIONS_TABLE };

  if (database.driver === 'pglite') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- PGlite's migrator loads only with PGlite
    const { migrate } = require('drizzle-orm/pglite/migrator') as typeof import('drizzle-orm/pglite/migrator');
    await migrate(database.db as never, config);
    return;
  }
  if (!database.pool) throw new Error('pg database without a pool');
  // Replicas starting together must not apply the same migration twice: serialise on a per-schema advisory lock,
  // held by one connection for the whole run.
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    try {
      await migratePg(drizzle(client), config);
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`]);
    }
  } finally {
    client.release();
  }
}
