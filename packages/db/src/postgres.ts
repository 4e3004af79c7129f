import { Pool } from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** The query surface every subgraph writes against: identical on node-postgres and PGlite. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  driver: 'pg' | 'pglite';
  /** Resolves when the database answers a trivial query; used by /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Present on the pg driver: migrations take a session-level advisory lock on one pooled connection. */
  pool?: Pool;
}

export interface OpenOptions {
  /** Called with every SQL statement the query builder sends (statement counting in tests and benchmarks). */
  onQuery?: (statement: string) => void;
  /** Pool size for the pg driver. */
  maxConnections?: number;
}

export function loggerFor(onQuery: OpenOptions['onQuery']) {
  return onQuery ? { logQuery: (statement: string) => onQuery(statement) } : false;
}

export function openPostgres(url: string, options: OpenOptions = {}): Database {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL, got "${url.replace(/:[^:@/]*@/, ':***@')}"`);
  }
  const pool = new Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.error('postgres pool: idle client error', error.message));
  const db = drizzle(pool, { logger: loggerFor(options.onQuery) }) as unknown as Db;
  return {
    db,
    driver: 'pg',
    pool,
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

/** The rows of a raw `db.execute(sql...)`: both drivers answer `{ rows }`, which the shared type leaves unknown. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
