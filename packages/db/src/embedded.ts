import { mkdirSync } from 'node:fs';
// Typed as the ES module the dynamic import below loads.
import type { PGlite } from '@electric-sql/pglite' with { 'resolution-mode': 'import' };
import { sql } from 'drizzle-orm';
import { loggerFor, type Database, type Db, type OpenOptions } from './postgres';

/**
 * One PGlite (PostgreSQL compiled to WebAssembly) in a data folder, shared by every subgraph of the embedded stack.
 * One instance, not one per subgraph: each costs seconds to create and hundreds of MB resident.
 */
export interface EmbeddedPostgres {
  client: PGlite;
  dataDir: string;
  close(): Promise<void>;
}

export async function openEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  // Loaded lazily: PGlite loads its WebAssembly through a dynamic import that only the embedded mode needs.
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create({ dataDir });
  return { client, dataDir, close: () => client.close() };
}

/** A subgraph's view of the shared embedded database. Closing it leaves the shared instance open. */
export async function onEmbedded(embedded: EmbeddedPostgres, options: OpenOptions = {}): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/pglite');
  const db = drizzle(embedded.client, { logger: loggerFor(options.onQuery) }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {},
  };
}
