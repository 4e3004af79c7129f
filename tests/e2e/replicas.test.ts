import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { core } from '@psa/core';
import { migrateSchema, openPostgres, type Database } from '@psa/db';
import { CORE_TOPICS, CORE_TOPIC_SPECS, createEnvelope, decodeEnvelope, OutboxRelay, type IncomingMessage } from '@psa/events';
import { createTestDatabase, testKafka, type TestDatabase } from '@psa/testing';
import { coreOutbox } from '../../subgraphs/core/src/outbox';

/** What happens when a service runs as several replicas on one database: the claims the README makes of them. */
let testDatabase: TestDatabase;
const databases: Database[] = [];

beforeAll(async () => {
  testDatabase = await createTestDatabase('replicas');
});
afterAll(async () => {
  for (const database of databases) await database.close();
  await testDatabase?.drop();
});

function open(): Database {
  const database = openPostgres(testDatabase.url, { maxConnections: 2 });
  databases.push(database);
  return database;
}

it('four replicas starting together apply each migration once', async () => {
  const replicas = Array.from({ length: 4 }, open);
  await Promise.all(replicas.map((database) => migrateSchema(database, { schema: 'core', migrationsFolder: core.migrationsFolder })));
  const journal = JSON.parse(readFileSync(join(core.migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const { rows } = await replicas[0]!.pool!.query('select count(*)::int as applied from core.__drizzle_migrations');
  expect(rows).toEqual([{ applied: journal.entries.length }]);
  const species = await replicas[0]!.pool!.query('select count(*)::int as n from core.species');
  expect(species.rows).toEqual([{ n: 5 }]);
});

it('two relays on one outbox publish every row once, in order per aggregate', async () => {
  const database = open();
  await migrateSchema(database, { schema: 'core', migrationsFolder: core.migrationsFolder });
  const transport = testKafka('replicas');
  const keys = Array.from({ length: 30 }, () => randomUUID());
  // 20 versions of each aggregate, written in version order, interleaved across aggregates.
  for (let version = 1; version <= 20; version++) {
    await coreOutbox.change(database.db, async (_tx, emit) => {
      for (const key of keys)
        emit({
          topic: CORE_TOPICS.pet,
          key,
          envelope: createEnvelope({ type: 'pet.updated', aggregateType: 'pet', aggregateId: key, version, source: 'core', payload: { version } }),
        });
    });
  }
  const relays = [1, 2].map(
    (n) =>
      new OutboxRelay({
        db: open().db,
        outbox: coreOutbox.table,
        transport,
        name: coreOutbox.name,
        topics: CORE_TOPIC_SPECS,
        batchSize: 50,
        log: () => undefined,
        pollMs: 10 + n,
      }),
  );
  const got: IncomingMessage[] = [];
  const total = keys.length * 20;
  try {
    await Promise.all(relays.map((relay) => relay.start()));
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    const subscription = await transport.subscribe({
      groupId: `replicas-${randomUUID()}`,
      topics: [CORE_TOPICS.pet],
      fromBeginning: true,
      handleBatch: async (batch) => {
        got.push(...batch);
        if (got.length >= total) done();
      },
    });
    await Promise.race([all, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${got.length} of ${total} messages arrived`)), 60_000))]);
    // Anything published twice would arrive within this pause too.
    await new Promise((r) => setTimeout(r, 1_000));
    await subscription.stop();
  } finally {
    for (const relay of relays) await relay.stop();
    await transport.close();
  }
  const events = got.map((m) => decodeEnvelope(m.value!));
  expect(events).toHaveLength(total);
  expect(new Set(events.map((e) => e.id)).size).toBe(total);
  for (const key of keys) expect(events.filter((e) => e.aggregateId === key).map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(relays.map((relay) => relay.published).reduce((a, b) => a + b, 0)).toBe(total);
  const { rows } = await database.pool!.query('select count(*)::int as unsent from core.outbox where sent_at is null');
  expect(rows).toEqual([{ unsent: 0 }]);
});
