import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
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

/**
 * PGlite, loaded on first use: only the embedded mode and in-process tests need its WebAssembly. Required
 * (its CommonJS build) rather than imported, so it loads the same way under node, the bundles and jest.
 */
function loadPGlite(): typeof import('@electric-sql/pglite') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily and synchronously, see above
  return require('@electric-sql/pglite');
}

export async function openEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const { PGlite } = loadPGlite();
  const client = await PGlite.create({ dataDir });
  return { client, dataDir, close: () => client.close() };
}

/**
 * A throwaway PGlite in memory, for in-process tests. Creating one runs initdb (seconds); so the first one in a
 * while dumps its empty data folder to the system's temporary folder, and later ones start from that dump.
 */
export async function openMemoryPostgres(): Promise<EmbeddedPostgres> {
  const { PGlite } = loadPGlite();
  // Named after the installed PGlite (its path carries its version), so an upgrade makes a new template.
  const installed = createHash('sha1').update(require.resolve('@electric-sql/pglite')).digest('hex').slice(0, 12);
  const template = join(tmpdir(), `psa-pglite-empty-${installed}.tgz`);
  let client: PGlite;
  if (existsSync(template)) {
    client = await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) });
  } else {
    client = await PGlite.create();
    const dump = await client.dumpDataDir('gzip');
    // Written aside and renamed: parallel test workers never read a half-written template.
    const scratch = `${template}.${process.pid}`;
    writeFileSync(scratch, Buffer.from(await dump.arrayBuffer()));
    renameSync(scratch, template);
  }
  return { client, dataDir: 'memory://', close: () => client.close() };
}

/** A subgraph's view of the shared embedded database. Closing it leaves the shared instance open. */
export async function onEmbedded(embedded: EmbeddedPostgres, options: OpenOptions = {}): Promise<Database> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazily, as PGlite itself
  const { drizzle } = require('drizzle-orm/pglite') as typeof import('drizzle-orm/pglite');
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
