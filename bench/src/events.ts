/**
 * The event pipeline on the real broker: sustained events/s from core commits into licensure's copies;
 * commit-to-copy latency at a fixed offered rate; a new division rebuilding 100,000 pet copies from the compacted
 * topic; and the limit: the same PostgreSQL taking the same version-guarded batched upserts with no Kafka between.
 */
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { migrateSchema, openPostgres } from '@psa/db';
import { Projector, versionedUpsert } from '@psa/events';
import { createTestDatabase, startTestStack, type TestStack } from '@psa/testing';
import { change } from '@psa/core/src/outbox';
import { updatePet } from '@psa/core/src/modules/pets/store';
import { petChanged } from '@psa/core/src/events';
import { ownerProjection, petProjection } from '@psa/licensure/src/modules/core-copies/projections';
import { petCopies } from '@psa/licensure/src/modules/core-copies/tables';
import { seedOwnerWithPets } from './fixtures';
import { log, percentile, round, saveSection } from './results';

const REBUILD_PETS = Number(process.env.BENCH_REBUILD_PETS ?? 100_000);

/** One committed change of a pet in core, its event in the outbox: exactly what a mutation does after its checks. */
async function commitChange(stack: TestStack, petId: string, weight: number): Promise<void> {
  await change(stack.subgraphs.core!.database.db, async (tx, emit) => petChanged(emit, 'pet.updated', await updatePet(tx, petId, { weight })));
}

async function sustained(stack: TestStack, petIds: string[], changes: number, writers: number) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < changes; i = next++) await commitChange(stack, petIds[i % petIds.length]!, 10 + i);
    }),
  );
  const committedSeconds = (performance.now() - started) / 1000;
  await stack.settle(300_000);
  const seconds = (performance.now() - started) / 1000;
  return { changes, writers, commitsPerSecond: round(changes / committedSeconds), eventsPerSecond: round(changes / seconds), seconds: round(seconds, 1) };
}

async function latencyAtRate(stack: TestStack, petIds: string[], perSecond: number, seconds: number) {
  const total = perSecond * seconds;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(commitChange(stack, petIds[i]!, 1000 + i));
  }
  await Promise.all(pending);
  await stack.settle(120_000);
  const ids = petIds.slice(0, total);
  const { rows: source } = await stack.subgraphs.core!.sql.query(
    `select id::text, extract(epoch from updated_at) * 1000 as at from core.pets where id = any($1::uuid[])`,
    [ids],
  );
  const { rows: copies } = await stack.subgraphs.licensure!.sql.query(
    `select id::text, extract(epoch from copied_at) * 1000 as at from licensure.pet_copies where id = any($1::uuid[])`,
    [ids],
  );
  const copiedAt = new Map(copies.map((c: { id: string; at: string }) => [c.id, Number(c.at)]));
  const latencies = source.map((s: { id: string; at: string }) => copiedAt.get(s.id)! - Number(s.at));
  return {
    offeredPerSecond: perSecond,
    seconds,
    changes: total,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(Math.max(...latencies)),
  };
}

/** Outbox rows for every pet of the owner, built in SQL: the 100,000-pet fixture is too big to write one by one. */
async function enqueuePetEvents(stack: TestStack, ownerId: string): Promise<void> {
  await stack.subgraphs.core!.sql.query(
    `insert into core.outbox (topic, key, envelope)
     select 'core.pet', p.id::text, jsonb_build_object(
       'id', gen_random_uuid(), 'type', 'pet.registered', 'aggregateType', 'pet', 'aggregateId', p.id::text, 'version', p.version,
       'occurredAt', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'source', 'core', 'schemaVersion', 1,
       'payload', jsonb_build_object('id', p.id, 'ownerId', p.owner_id, 'householdId', p.household_id, 'name', p.name, 'species', p.species,
         'breed', p.breed, 'color', p.color, 'markings', p.markings, 'birthDate', p.birth_date, 'microchipNumber', p.microchip_number,
         'status', p.status, 'statusUpdatedAt', p.status_updated_at))
     from core.pets p where p.owner_id = $1 order by p.id`,
    [ownerId],
  );
}

async function rebuild(stack: TestStack) {
  const { ownerId } = await seedOwnerWithPets(stack, 'rebuild-owner', REBUILD_PETS);
  const relayStarted = performance.now();
  await enqueuePetEvents(stack, ownerId);
  for (;;) {
    const { rows } = await stack.subgraphs.core!.sql.query('select count(*)::int as n from core.outbox where sent_at is null');
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const relaySeconds = (performance.now() - relayStarted) / 1000;
  log(`relay published ${REBUILD_PETS} events in ${relaySeconds.toFixed(1)} s`);

  const late = await createTestDatabase('licensure_rebuild');
  const database = openPostgres(late.url);
  try {
    await migrateSchema(database, { schema: 'licensure', migrationsFolder: licensure.migrationsFolder });
    const projector = new Projector({
      groupId: `licensure-rebuild-${Date.now()}`,
      database,
      transport: stack.transport,
      projections: [petProjection, ownerProjection],
      log,
    });
    const started = performance.now();
    await projector.start();
    await projector.caughtUp(600_000);
    const seconds = (performance.now() - started) / 1000;
    await projector.stop();
    const { rows } = await database.pool!.query('select count(*)::int as n from licensure.pet_copies');

    // The limit: the same rows, the same upsert, the same PostgreSQL, no Kafka.
    const { rows: pets } = await stack.subgraphs.core!.sql.query(
      `select id, version, owner_id as "ownerId", household_id as "householdId", name, species::text, breed, color, markings, birth_date::text as "birthDate",
         microchip_number as "microchipNumber", status::text from core.pets where owner_id = $1`,
      [ownerId],
    );
    const baseline: Record<string, number> = {};
    for (const batch of [500, 5000]) {
      await database.pool!.query('truncate licensure.pet_copies');
      const t0 = performance.now();
      for (let i = 0; i < pets.length; i += batch) {
        await database.db.transaction((tx) =>
          versionedUpsert(
            tx as never,
            petCopies,
            pets.slice(i, i + batch).map((p: Record<string, unknown>) => ({ ...p, deleted: false })),
          ),
        );
      }
      baseline[`batch${batch}`] = round(pets.length / ((performance.now() - t0) / 1000));
      log(`baseline: versioned upserts of ${pets.length} rows in batches of ${batch}: ${baseline[`batch${batch}`]} rows/s`);
    }
    const projectorRate = round(rows[0].n / seconds);
    const best = Math.max(...Object.values(baseline));
    return {
      pets: REBUILD_PETS,
      relaySeconds: round(relaySeconds, 1),
      relayEventsPerSecond: round(REBUILD_PETS / relaySeconds),
      rebuildSeconds: round(seconds, 1),
      copies: rows[0].n,
      projectorRowsPerSecond: projectorRate,
      baselineRowsPerSecond: baseline,
      projectorOverBaseline: round(projectorRate / best, 2),
    };
  } finally {
    await database.close();
    await late.drop();
  }
}

export async function benchEvents(): Promise<void> {
  const stack = await startTestStack([core, licensure]);
  try {
    const { petIds } = await seedOwnerWithPets(stack, 'events-owner', 2000);
    const throughput = await sustained(stack, petIds, 5000, 8);
    log(
      `sustained: ${throughput.changes} commits by ${throughput.writers} writers at ${throughput.commitsPerSecond}/s; copies current at ${throughput.eventsPerSecond} events/s end to end`,
    );
    const latency = await latencyAtRate(stack, petIds, 100, 10);
    log(`latency at ${latency.offeredPerSecond} changes/s: p50 ${latency.p50} ms, p99 ${latency.p99} ms`);
    const rebuilt = await rebuild(stack);
    log(
      `rebuild: ${rebuilt.copies} pet copies in ${rebuilt.rebuildSeconds} s (${rebuilt.projectorRowsPerSecond} rows/s, ${rebuilt.projectorOverBaseline} of the no-Kafka limit)`,
    );
    saveSection('events', {
      figures: { throughput, latency, rebuild: rebuilt },
      table: {
        title: 'Event pipeline on the real broker (Kafka 3.9.1, kafkajs), core commits → licensure copies',
        columns: ['measure', 'figure'],
        rows: [
          [
            'sustained, core commits → copies current',
            `${throughput.eventsPerSecond} events/s (${throughput.changes} changes, ${throughput.writers} writers; commits alone ${throughput.commitsPerSecond}/s)`,
          ],
          [
            `commit-to-copy latency at ${latency.offeredPerSecond} changes/s for ${latency.seconds} s`,
            `p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms`,
          ],
          ['relay: outbox → Kafka', `${rebuilt.relayEventsPerSecond} events/s (${rebuilt.pets} events in ${rebuilt.relaySeconds} s)`],
          [
            `new division rebuilds ${rebuilt.copies} pet copies from the compacted topic`,
            `${rebuilt.rebuildSeconds} s (${rebuilt.projectorRowsPerSecond} rows/s)`,
          ],
          [
            'limit: same upserts, same PostgreSQL, no Kafka',
            `${rebuilt.baselineRowsPerSecond.batch500} rows/s (batches of 500), ${rebuilt.baselineRowsPerSecond.batch5000} rows/s (5,000)`,
          ],
          ['projector / limit', `${rebuilt.projectorOverBaseline}`],
        ],
      },
    });
  } finally {
    await stack.close();
  }
}
