import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateSchema, onEmbedded, openMemoryPostgres, rowsOf, type Database, type EmbeddedPostgres } from '@psa/db';
import { contractOf, DIVISIONS, type EventEnvelope } from '@psa/events';
import { sql } from 'drizzle-orm';

/**
 * The upgrade of a core that already has owners: migration 0007 publishes each one again, core.owner at
 * schemaVersion 2 (no personal data) and each division's answer on its own topic, so divisions that start
 * reading their topic get every existing owner, and compaction drops the v1 records that carried the fields.
 */
const MIGRATIONS = join(__dirname, '..', 'drizzle');
let embedded: EmbeddedPostgres;
let database: Database;
let before: string;

beforeAll(async () => {
  // The migrations as they were before this change: the journal without 0007.
  before = mkdtempSync(join(tmpdir(), 'core-migrations-'));
  cpSync(MIGRATIONS, before, { recursive: true });
  const journal = JSON.parse(readFileSync(join(before, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx < 7);
  writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify(journal));
  embedded = await openMemoryPostgres();
  database = await onEmbedded(embedded);
  await migrateSchema(database, { schema: 'core', migrationsFolder: before });
}, 60_000);
afterAll(async () => {
  await embedded?.close();
  rmSync(before, { recursive: true, force: true });
});

it('publishes every existing owner again: core.owner without personal data, each division its answer, all read by their contracts', async () => {
  await database.db.execute(sql`insert into core.owners (id, clerk_id, email, first_name, last_name, phone, city, data_sharing, version, email_verified_at)
    values ('00000000-0000-4000-8000-000000000001', 'clerk-a', 'ann@example.com', 'Ann', 'Lee', '+15550100', 'Austin', '{"licensure": true, "care": false}', 3, now()),
           ('00000000-0000-4000-8000-000000000002', 'clerk-b', 'bo@example.com', 'Bo', 'Kim', null, null, '{}', 1, null)`);
  await migrateSchema(database, { schema: 'core', migrationsFolder: MIGRATIONS });

  const rows = rowsOf<{ topic: string; key: string; envelope: EventEnvelope }>(
    await database.db.execute(sql`select topic, key, envelope from core.outbox order by id`),
  );
  expect(rows).toHaveLength(2 * (1 + DIVISIONS.length));
  const read = rows.map((r) => ({ topic: r.topic, key: r.key, event: contractOf(r.topic).parse(r.envelope) }));
  const ann = read.filter((r) => r.key === '00000000-0000-4000-8000-000000000001');
  expect(ann.find((r) => r.topic === 'core.owner')!.event).toMatchObject({
    schemaVersion: 2,
    version: 3,
    payload: { clerkId: 'clerk-a', dataSharing: { licensure: true, care: false } },
  });
  expect(ann.find((r) => r.topic === 'core.owner-personal.licensure')!.event).toMatchObject({
    type: 'owner.personal_data_shared',
    version: 3,
    payload: { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee', phone: '+15550100', city: 'Austin', street1: null, country: 'USA' },
  });
  // Every other division, and every division for Bo, hears only that the data is withheld.
  const withheld = read.filter((r) => r.topic.startsWith('core.owner-personal.') && !(r.key === ann[0]!.key && r.topic.endsWith('.licensure')));
  expect(withheld).toHaveLength(2 * DIVISIONS.length - 1);
  for (const r of withheld) expect(r.event).toMatchObject({ type: 'owner.personal_data_withheld', payload: { id: r.key } });
  // Names, email and phone appear in exactly one row: Ann's, on licensure's topic.
  expect(rows.filter((r) => /ann@example|bo@example|"Ann"|"Lee"|"Bo"|"Kim"|15550100/.test(JSON.stringify(r.envelope)))).toHaveLength(1);
});
