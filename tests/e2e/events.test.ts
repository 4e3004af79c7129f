import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { openPostgres, migrateSchema } from '@psa/db';
import {
  CORE_TOPICS,
  createEnvelope,
  decodeEnvelope,
  encodeEnvelope,
  hasDrift,
  petContract,
  Projector,
  reconcile,
  type EventEnvelope,
  type IncomingMessage,
} from '@psa/events';
import { createTestDatabase, startTestStack, type TestStack } from '@psa/testing';
import { ownerProjection, petProjection } from '../../subgraphs/licensure/src/modules/core-copies/projections';
import { coreOutbox } from '../../subgraphs/core/src/outbox';
import { breeds } from '../../subgraphs/core/src/modules/species/tables';
import { createOwner, must, percentile, registerPets, setStatuses, type TestOwner } from './helpers';

let stack: TestStack;
let owner: TestOwner;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  owner = await createOwner(stack, 'events-owner');
}, 120_000);
afterAll(() => stack?.close());

const licensureSql = () => stack.subgraphs.licensure!.sql;
const coreSql = () => stack.subgraphs.core!.sql;

describe('core changes reach licensure over Kafka', () => {
  it('a change in core appears in the copy; prints commit-to-copy latency over 300 changes', async () => {
    const ids = await registerPets(stack, owner, 300);
    await stack.settle();
    // One status change per pet, four writers at a time, then the copy of each is compared with its row.
    await setStatuses(stack, owner, ids, 'LOST');
    await stack.settle();
    type Timed = { id: string; status: string; version: number; at: string };
    const { rows: changed } = await coreSql().query<Timed>(
      `select id::text, status, version, extract(epoch from status_updated_at) * 1000 as at from core.pets where id = any($1::uuid[])`,
      [ids],
    );
    const { rows: copies } = await licensureSql().query<Timed>(
      `select id::text, status, version, extract(epoch from copied_at) * 1000 as at from licensure.pet_copies where id = any($1::uuid[])`,
      [ids],
    );
    const copyOf = new Map(copies.map((c) => [c.id, c]));
    const latencies = changed
      .map((row) => {
        const copy = copyOf.get(row.id);
        expect(copy).toMatchObject({ status: 'LOST', version: row.version });
        return Number(copy!.at) - Number(row.at);
      })
      .sort((a, b) => a - b);
    // The side effect ran once per pet: one open lost report each.
    const { rows: reports } = await licensureSql().query<{ pet_id: string; n: number }>(
      `select pet_id, count(*)::int as n from licensure.lost_pet_reports where pet_id = any($1::uuid[]) group by pet_id`,
      [ids],
    );
    expect(reports).toHaveLength(300);
    expect(reports.every((r) => r.n === 1)).toBe(true);
    console.log(
      `commit-to-copy latency over ${latencies.length} changes: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
    );
  }, 180_000);

  it('duplicated, replayed and reordered events leave the copies equal to core', async () => {
    const ids = await registerPets(stack, owner, 20);
    await setStatuses(stack, owner, ids.slice(0, 10), 'LOST');
    await setStatuses(stack, owner, ids.slice(0, 10), 'FOUND');
    await must(stack, `mutation($id: ID!) { deletePet(id: $id) }`, { id: ids[19] }, owner.token);
    await stack.settle();
    const before = await licensureSql().query('select id, version, status, deleted from licensure.pet_copies order by id');
    const reportsBefore = await licensureSql().query('select id, status from licensure.lost_pet_reports order by id');

    // Every event these pets ever had, replayed newest first, each twice.
    const { rows } = await coreSql().query<{ key: string; envelope: EventEnvelope }>(
      `select key, envelope from core.outbox where topic = $1 and key = any($2) and envelope is not null order by id desc`,
      [CORE_TOPICS.pet, ids],
    );
    // 20 registrations; 10 LOST, each followed by the registry number licensure gave the lost pet (pet.updated);
    // 10 FOUND; one delete (its tombstone has no envelope).
    expect(rows).toHaveLength(20 + 10 + 10 + 10 + 1);
    const replay = rows.flatMap((r) => [r, r]).map((r) => ({ key: r.key, value: encodeEnvelope(r.envelope) }));
    await stack.transport.publish(CORE_TOPICS.pet, replay);
    // A marker after the replay: once its copy is current, the replay before it has been applied too.
    const [marker] = await registerPets(stack, owner, 1);
    await stack.settle();
    const after = await licensureSql().query('select id, version, status, deleted from licensure.pet_copies where id <> $1 order by id', [marker]);
    expect(after.rows).toEqual(before.rows);
    expect((await licensureSql().query('select id, status from licensure.lost_pet_reports order by id')).rows).toEqual(reportsBefore.rows);
    expect(hasDrift(await stack.reconcile())).toBe(false);
    const { rows: deleted } = await licensureSql().query('select deleted from licensure.pet_copies where id = $1', [ids[19]]);
    expect(deleted).toEqual([{ deleted: true }]);
  }, 120_000);

  it('sends a poison event, or one that breaks its contract, to the dead-letter topic; the rest apply, unknown extra fields too', async () => {
    const dead: IncomingMessage[] = [];
    const watcher = await stack.transport.subscribe({
      groupId: `dlq-watch-${randomUUID()}`,
      topics: ['licensure.dead-letter'],
      fromBeginning: true,
      handleBatch: async (m) => void dead.push(...m),
    });
    // Core's own event for a real pet, as a base for events that differ from it in one way each.
    const [real] = await registerPets(stack, owner, 1);
    const { rows } = await coreSql().query(`select envelope from core.outbox where key = $1 and envelope->>'type' = 'pet.registered'`, [real]);
    const base = rows[0].envelope as EventEnvelope;
    const like = (aggregateId: string, payload: Record<string, unknown>) =>
      encodeEnvelope({ ...base, id: randomUUID(), aggregateId, payload: { ...base.payload, id: aggregateId, ...payload } });
    const key = randomUUID();
    const extra = randomUUID();
    await stack.transport.publish(CORE_TOPICS.pet, [
      { key, value: Buffer.from('{"not": "an envelope"') },
      {
        key,
        value: encodeEnvelope(
          createEnvelope({ type: 'pet.updated', aggregateType: 'pet', aggregateId: randomUUID(), version: 1, source: 'core', payload: {} }),
        ),
      },
      { key, value: like(key, { microchipNumber: 42 }) },
      { key: extra, value: like(extra, { favouriteToy: 'ball' }) },
    ]);
    const [later] = await registerPets(stack, owner, 1);
    const copied = async (id: string) => (await licensureSql().query('select name from licensure.pet_copies where id = $1', [id])).rows;
    try {
      // The pet with the extra field is not core's, so reconcile would call its copy drift: wait for it by hand.
      const deadline = Date.now() + 30_000;
      while (((await copied(later!)).length === 0 || (await copied(extra)).length === 0 || dead.length < 3) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await copied(later!)).toHaveLength(1);
      // The one with a field the contract does not know applied; the one that breaks the contract wrote nothing.
      expect(await copied(extra)).toEqual([{ name: base.payload.name }]);
      expect(await copied(key)).toHaveLength(0);
      const reasons = dead.map((m) => JSON.parse(m.value!.toString()).reason as string);
      expect(reasons).toEqual([
        expect.stringContaining('not JSON'),
        expect.stringContaining('does not match the message key'),
        'core.pet schemaVersion 1 breaks its contract: payload.microchipNumber: Invalid input: expected string, received number',
      ]);
    } finally {
      await watcher.stop();
      // Delete the pet core never had, as core deletes one, so neither this copy nor a late division's is drift.
      const gone = petContract.envelope({ type: 'pet.deleted', aggregateId: extra, version: base.version + 1, payload: { id: extra, deleted: true } });
      await stack.transport.publish(CORE_TOPICS.pet, [
        { key: extra, value: encodeEnvelope(gone) },
        { key: extra, value: null },
      ]);
    }
    await stack.settle();
    expect((await licensureSql().query('select deleted from licensure.pet_copies where id = $1', [extra])).rows).toEqual([{ deleted: true }]);
  }, 90_000);

  it('a division that starts late rebuilds every copy from the compacted topics and says when it has caught up', async () => {
    await registerPets(stack, owner, 500);
    await stack.settle();
    const lateDb = await createTestDatabase('licensure_late');
    const database = openPostgres(lateDb.url);
    const lines: string[] = [];
    try {
      await migrateSchema(database, { schema: 'licensure', migrationsFolder: licensure.migrationsFolder });
      const projector = new Projector({
        groupId: 'licensure-late',
        database,
        transport: stack.transport,
        projections: [petProjection, ownerProjection],
        log: (l) => lines.push(l),
      });
      const started = performance.now();
      await projector.start();
      await projector.caughtUp(120_000);
      const seconds = (performance.now() - started) / 1000;
      await projector.stop();
      const drift = await reconcile([
        { aggregate: 'pet', source: { db: stack.subgraphs.core!.database.db, table: 'core.pets' }, copy: { db: database.db, table: 'licensure.pet_copies' } },
        {
          aggregate: 'owner',
          source: { db: stack.subgraphs.core!.database.db, table: 'core.owners' },
          copy: { db: database.db, table: 'licensure.owner_copies' },
        },
      ]);
      expect(hasDrift(drift)).toBe(false);
      for (const aggregate of drift) expect([aggregate.aggregate, aggregate.liveCopies]).toEqual([aggregate.aggregate, aggregate.sourceRows]);
      expect(lines.filter((line) => /^projector licensure-late: caught up \(\d+ events applied, [\d.]+ s\)$/.test(line))).toHaveLength(1);
      const rows = drift.reduce((n, d) => n + d.sourceRows, 0);
      console.log(`late division: rebuilt ${rows} copies (${projector.applied} events) in ${seconds.toFixed(1)} s from start to caught up`);
    } finally {
      await database.close();
      await lateDb.drop();
    }
  }, 180_000);
});

describe('the reconcile command', () => {
  const run = (division: string) =>
    promisify(execFile)(join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'), ['scripts/reconcile.ts', division], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, CORE_DATABASE_URL: stack.subgraphs.core!.testDatabase.url, DATABASE_URL: stack.subgraphs.licensure!.testDatabase.url },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
    );

  it('checks the rules licensure derives from its copies: prints a broken one with the pets that break it and exits 1', async () => {
    const [pet] = await registerPets(stack, owner, 1);
    await setStatuses(stack, owner, [pet!], 'LOST');
    await stack.settle();
    // A side effect the projector skipped, as before the lost-report fix: core says LOST, no report is open.
    const { rows } = await licensureSql().query(`update licensure.lost_pet_reports set status = 'CLOSED' where pet_id = $1 returning pet_id::text`, [pet]);
    const broken = await run('licensure');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`licensure: rule broken: a pet core says is LOST has exactly one open lost report: 1 (${rows[0].pet_id})`);
    expect(broken.stdout).toContain('licensure: no drift; 1 of 2 rules BROKEN');
    await licensureSql().query(`update licensure.lost_pet_reports set status = 'LOST' where pet_id = $1`, [rows[0].pet_id]);
    expect(await run('licensure')).toEqual({ code: 0, stdout: expect.stringContaining('licensure: no drift; 2 rules hold') });
  }, 60_000);

  it('prints no drift and exits 0 when the copies are current, prints the drift and exits 1 when not', async () => {
    await registerPets(stack, owner, 2);
    await stack.settle();
    const clean = await run('licensure');
    expect(clean).toEqual({ code: 0, stdout: expect.stringContaining('licensure: no drift') });
    const { rows } = await licensureSql().query(
      'delete from licensure.pet_copies where id = (select id from licensure.pet_copies where not deleted limit 1) returning id',
    );
    try {
      const drifted = await run('licensure');
      expect(drifted.code).toBe(1);
      expect(drifted.stdout).toContain(`missing 1 (e.g. ${rows[0].id})`);
      expect((await run('nowhere')).code).toBe(2);
    } finally {
      // Leave no drift behind for the tests that run after: the pet's next event brings its copy back.
      await must(
        stack,
        `mutation($id: ID!) { updatePet(id: $id, input: { weight: 21 }) { id } }`,
        { id: rows[0].id },
        await stack.token('events-admin', ['admin']),
      );
      await stack.settle();
    }
  }, 60_000);
});

describe('the envelope is checked on the way out too', () => {
  it('refuses to build or read an invalid envelope', async () => {
    expect(() => createEnvelope({ type: 'pet updated', aggregateType: 'pet', aggregateId: 'x', version: 0, source: 'core', payload: {} })).toThrow(
      /type must be[\s\S]*version must be an integer >= 1/,
    );
    expect(() => decodeEnvelope('{}')).toThrow(/id must be a UUID/);
  });

  it('a change whose event is invalid is rolled back with it: neither the change nor the event is written', async () => {
    const count = async () =>
      (await coreSql().query(`select (select count(*) from core.breeds)::int as breeds, (select count(*) from core.outbox)::int as outbox`)).rows[0];
    const before = await count();
    const invalid = {
      id: 'not-a-uuid',
      type: 'species.added',
      aggregateType: 'species',
      aggregateId: 'x',
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'core',
      schemaVersion: 1,
      payload: {},
    };
    await expect(
      coreOutbox.change(stack.subgraphs.core!.database.db, async (tx, emit) => {
        await tx.insert(breeds).values({ speciesId: 1, name: 'Ferret' });
        emit({ topic: CORE_TOPICS.pet, key: 'x', envelope: invalid });
      }),
    ).rejects.toThrow(/id must be a UUID/);
    expect(await count()).toEqual(before);
  });
});
