import { connect } from 'node:net';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { openPostgres, type Database } from '@psa/db';
import { checkRules, CORE_TOPIC_SPECS, formatDrift, formatViolations, hasDrift, KafkaTransport, reconcile, waitForNoDrift } from '@psa/events';
import { copyPairs, divisionChecks } from '@psa/subgraph-kit';
import { createTestDatabase, startTestStack, TestBroker, testBrokerPort, type TestDatabase, type TestStack } from '@psa/testing';
import { createOwner, must, registerPets, type TestOwner } from './helpers';
import { startSubgraphProcess, waitFor, type SubgraphProcess } from './processes';

/**
 * The operator's crash run, shortened in load but not in faults: writers go on through the gateway while the
 * broker is killed with SIGKILL and later started again on its data; licensure runs as its own process and is
 * never restarted. Nothing here asserts on time: the figures are printed.
 */
const broker = new TestBroker(testBrokerPort(120));
const namespace = 'chaos.';
const OWNERS = 20;
const PETS_PER_OWNER = 10;
const WRITERS = 4;
const LOAD_BEFORE_KILL_MS = 3_000;
const OUTAGE_MS = 10_000;
const LOAD_AFTER_RETURN_MS = 3_000;

beforeAll(() => broker.start(), 180_000);
afterAll(() => broker.stop(false), 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when the broker's port accepts a TCP connection (the earliest sign it is back). */
async function portOpen(port: number): Promise<number> {
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return Date.now();
    await sleep(50);
  }
}

/**
 * Resolves when the broker answers again: a fresh client gets metadata with a leader for every partition of
 * core's topics (what a publish needs), which comes some seconds after the port opens while the broker recovers.
 */
async function answering(brokers: string): Promise<number> {
  for (;;) {
    const probe = new KafkaTransport({ brokers: [brokers], clientId: 'chaos-probe', namespace });
    try {
      await probe.ensureTopics(CORE_TOPIC_SPECS);
      return Date.now();
    } catch {
      await sleep(100);
    } finally {
      await probe.close().catch(() => undefined);
    }
  }
}

interface Writes {
  total: number;
  at: number[];
  failures: string[];
}

/** Writers through the gateway: updatePet and changePetStatus LOST / FOUND / ACTIVE on random pets, until stopped. */
function startWriters(stack: TestStack, pets: { id: string; owner: TestOwner }[]): { stop: () => Promise<Writes> } {
  const writes: Writes = { total: 0, at: [], failures: [] };
  let running = true;
  const operations = [
    (id: string) => ({
      query: `mutation($id: ID!, $m: String) { updatePet(id: $id, input: { markings: $m }) { id } }`,
      variables: { id, m: `seen at ${Date.now()}` },
    }),
    (id: string) => ({ query: `mutation($id: ID!) { changePetStatus(id: $id, status: LOST) { id } }`, variables: { id } }),
    (id: string) => ({ query: `mutation($id: ID!) { changePetStatus(id: $id, status: FOUND) { id } }`, variables: { id } }),
    (id: string) => ({ query: `mutation($id: ID!) { changePetStatus(id: $id, status: ACTIVE) { id } }`, variables: { id } }),
  ];
  const done = Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (running) {
        const pet = pets[Math.floor(Math.random() * pets.length)]!;
        const { query, variables } = operations[Math.floor(Math.random() * operations.length)]!(pet.id);
        const res = await stack.query(query, variables, pet.owner.token);
        if (res.errors) writes.failures.push(JSON.stringify(res.errors));
        writes.total++;
        writes.at.push(Date.now());
      }
    }),
  );
  return {
    stop: async () => {
      running = false;
      await done;
      return writes;
    },
  };
}

/** Polls GET /ready of a process and remembers every answer. */
function watchReady(base: string): { stop: () => Promise<{ at: number; status: number; body: string }[]> } {
  const answers: { at: number; status: number; body: string }[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      try {
        const response = await fetch(`${base}/ready`);
        answers.push({ at: Date.now(), status: response.status, body: await response.text() });
      } catch (error) {
        answers.push({ at: Date.now(), status: 0, body: (error as Error).message });
      }
      await sleep(200);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return answers;
    },
  };
}

const PET_FIELDS = `id::text, version, owner_id::text, household_id::text, name, species::text, breed, color, markings, birth_date::text, microchip_number, status::text`;

describe('the broker is killed (SIGKILL) under load while the projector keeps running', () => {
  let stack: TestStack;
  let licensureDb: TestDatabase;
  let database: Database;
  let licensureProcess: SubgraphProcess;
  const relayLines: string[] = [];
  const started = Date.now();
  const stamp = (line: string) => relayLines.push(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

  beforeAll(async () => {
    stack = await startTestStack([core], { transport: new KafkaTransport({ brokers: [broker.brokers], clientId: 'chaos', namespace }), log: stamp });
    licensureDb = await createTestDatabase('licensure_chaos');
    database = openPostgres(licensureDb.url, { maxConnections: 4 });
    licensureProcess = startSubgraphProcess('licensure', { DATABASE_URL: licensureDb.url, KAFKA_BROKERS: broker.brokers, KAFKA_NAMESPACE: namespace });
  }, 120_000);
  afterAll(async () => {
    await licensureProcess?.stop();
    await database?.close();
    await licensureDb?.drop();
    await stack?.close();
  }, 120_000);

  it('keeps every change, the copies equal core, and the lost-report rule holds; prints recovery figures', async () => {
    const dbOf = (name: string) => (name === 'core' ? stack.subgraphs.core!.database.db : name === 'licensure' ? database.db : undefined);
    const pairs = copyPairs([licensure], dbOf);
    const checks = divisionChecks([licensure], dbOf);
    const coreSql = stack.subgraphs.core!.sql;

    const owners = await Promise.all(Array.from({ length: OWNERS }, (_, i) => createOwner(stack, `chaos-owner-${i}`)));
    const pets = (await Promise.all(owners.map(async (owner) => (await registerPets(stack, owner, PETS_PER_OWNER)).map((id) => ({ id, owner }))))).flat();
    const base = await licensureProcess.baseUrl();
    await waitForNoDrift(pairs, 120_000, checks).catch((error: Error) => {
      throw new Error(`${error.message}\n${licensureProcess.output()}`);
    });
    const pid = licensureProcess.child.pid;

    const ready = watchReady(base);
    const writers = startWriters(stack, pets);
    await sleep(LOAD_BEFORE_KILL_MS);
    // Timed before the call: the kill itself comes within its first moments, the rest is waiting for the exit.
    const killedAt = Date.now();
    await broker.kill();
    stamp('(test) broker killed');
    // From here on the broker is gone: whatever is published later was published after its return.
    const deadAt = Date.now();
    // Consent given (every other owner) while the broker is down: licensure must end holding exactly those owners' data.
    const update = `mutation($id: ID!, $i: UpdateOwnerInput!) { updateOwner(id: $id, input: $i) { id } }`;
    await Promise.all(owners.map((owner, i) => must(stack, update, { id: owner.id, i: { dataSharing: { licensure: i % 2 === 0 } } }, owner.token)));
    await sleep(OUTAGE_MS);

    // Started again on its data; it answers TCP first, metadata (kafka.sh's readiness) later.
    const restartedAt = Date.now();
    const opened = portOpen(broker.port);
    // Every change committed up to the broker's return, as core has it: the backlog of the outage. Watched from
    // that moment on, beside the writers, until each copy holds at least that version.
    const answered = opened
      .then(() => answering(broker.brokers))
      .then(async (at) => {
        stamp('(test) the broker answers again: metadata with leaders');
        return { at, backlog: (await coreSql.query(`select id::text, version from core.pets`)).rows as { id: string; version: number }[] };
      });
    const backlogApplied = answered.then(async ({ backlog }) => {
      await waitFor(
        'the copies to hold every change made before the broker returned',
        async () => {
          const { rows } = (await database.db.execute(`select id::text, version from licensure.pet_copies` as never)) as unknown as {
            rows: { id: string; version: number }[];
          };
          const copied = new Map(rows.map((r) => [r.id, r.version]));
          return backlog.every((r) => (copied.get(r.id) ?? 0) >= r.version);
        },
        180_000,
        100,
      );
      stamp('(test) the outage backlog is in the copies');
      return Date.now();
    });
    // Awaited below; this only keeps a failure while the broker starts from surfacing as an unhandled rejection.
    backlogApplied.catch(() => undefined);
    await broker.start();
    const readyAt = Date.now();
    const openedAt = await opened;
    const answeredAt = (await answered).at;
    await sleep(LOAD_AFTER_RETURN_MS);
    const writes = await writers.stop();

    const backlogAppliedAt = await backlogApplied.catch((error: Error) => {
      throw new Error(`${error.message}\nlicensure:\n${licensureProcess.output()}\nrelay:\n${relayLines.join('\n')}`);
    });
    await waitForNoDrift(pairs, 120_000, checks).catch(async (error: Error) => {
      throw new Error(`${error.message}\nlicensure:\n${licensureProcess.output()}\nrelay:\n${relayLines.join('\n')}`);
    });
    const currentAt = Date.now();
    const answers = await ready.stop();

    // Nothing lost: the outboxes are empty, and the copies hold core's versions and every copied field. Quiet is
    // a moment when all of it holds at once: licensure registers a pet reported LOST, core takes the registry
    // number as a new pet version, and that goes out again, so one check passing before another proves nothing.
    const licensureBusy = async (): Promise<string[]> => {
      const status = (await (await fetch(`${base}/status`)).json()) as { workers: Record<string, { pending?: number; lag?: number }> };
      return Object.entries(status.workers).flatMap(([worker, { pending, lag }]) => [
        ...(pending ? [`licensure ${worker}: ${pending} to publish`] : []),
        ...(lag ? [`licensure ${worker}: ${lag} to apply`] : []),
      ]);
    };
    await waitFor(
      'both outboxes published, both projectors caught up and the copies current, at once',
      async () => {
        const settled = await stack.settle(1_000).then(
          () => true,
          () => false,
        );
        if (!settled || (await licensureBusy()).length > 0) return false;
        if ((await coreSql.query('select count(*)::int as n from core.outbox where sent_at is null')).rows[0].n > 0) return false;
        return !hasDrift(await reconcile(pairs));
      },
      120_000,
      200,
    ).catch(async (error: Error) => {
      const unsent = (await coreSql.query('select id, topic, key, created_at from core.outbox where sent_at is null order by id')).rows;
      throw new Error(
        `${error.message}\nunsent: ${JSON.stringify(unsent)}\nlicensure busy: ${(await licensureBusy()).join('; ')}\n${formatDrift(await reconcile(pairs))}\nrelay:\n${relayLines.join('\n')}`,
      );
    });
    expect((await coreSql.query('select count(*)::int as n from core.outbox where sent_at is null')).rows[0].n).toBe(0);
    const drift = await reconcile(pairs);
    expect(formatDrift(drift)).not.toMatch(/(missing|stale|ahead|orphaned) [1-9]/);
    expect(hasDrift(drift)).toBe(false);
    const corePets = (await coreSql.query(`select ${PET_FIELDS} from core.pets order by id`)).rows;
    const copiedPets = (
      (await database.db.execute(`select ${PET_FIELDS} from licensure.pet_copies where not deleted order by id` as never)) as unknown as { rows: unknown[] }
    ).rows;
    expect(copiedPets).toEqual(corePets);
    const coreOwners = (await coreSql.query(`select id::text, version, clerk_id from core.owners order by id`)).rows;
    const copiedOwners = (
      (await database.db.execute(`select id::text, version, clerk_id from licensure.owner_copies where not deleted order by id` as never)) as unknown as {
        rows: unknown[];
      }
    ).rows;
    expect(copiedOwners).toEqual(coreOwners);
    // Personal data by consent: licensure holds an owner's email and names exactly while they let it.
    const consented = (
      await coreSql.query(
        `select id::text, version, (data_sharing->>'licensure') is not distinct from 'true' as shared,
                case when data_sharing->>'licensure' = 'true' then email end as email, case when data_sharing->>'licensure' = 'true' then last_name end as last_name
         from core.owners order by id`,
      )
    ).rows;
    const personalCopies = (
      (await database.db.execute(
        `select id::text, version, shared, email, last_name from licensure.owner_personal_copies order by id` as never,
      )) as unknown as {
        rows: unknown[];
      }
    ).rows;
    expect(personalCopies).toEqual(consented);

    // The rule, against core's own statuses: an open report exactly while core says LOST, one per LOST pet.
    const statusOf = new Map(corePets.map((p: { id: string; status: string }) => [p.id, p.status]));
    const { rows: open } = (await database.db.execute(
      `select pet_id::text as id, count(*)::int as n from licensure.lost_pet_reports where status in ('LOST', 'SIGHTING_REPORTED') group by pet_id` as never,
    )) as unknown as { rows: { id: string; n: number }[] };
    const openOf = new Map(open.map((r) => [r.id, r.n]));
    const openWhileNotLost = open.filter((r) => statusOf.get(r.id) !== 'LOST').map((r) => `${r.id} (${statusOf.get(r.id)})`);
    const lostWithout = [...statusOf].filter(([id, status]) => status === 'LOST' && openOf.get(id) !== 1).map(([id]) => `${id} (${openOf.get(id) ?? 0} open)`);
    expect(openWhileNotLost).toEqual([]);
    expect(lostWithout).toEqual([]);
    expect(formatViolations(await checkRules(checks))).toBe('');
    const { rows: history } = (await database.db.execute(
      `select count(*)::int as reports, count(*) filter (where status = 'FOUND' and found_date is not null)::int as found from licensure.lost_pet_reports` as never,
    )) as unknown as { rows: { reports: number; found: number }[] };

    // Writes went on through the outage, through the gateway, and none failed: core never needs the broker.
    const duringOutage = writes.at.filter((t) => t >= killedAt && t <= readyAt).length;
    expect(writes.failures).toEqual([]);
    expect(duringOutage).toBeGreaterThan(0);

    // The same licensure process all along; it said it was not ready while its projector was not consuming.
    expect(licensureProcess.child.pid).toBe(pid);
    expect(licensureProcess.child.exitCode).toBeNull();
    const unready = answers.filter((a) => a.status === 503);
    expect(unready.length).toBeGreaterThan(0);
    // Licensure's projector reads core's topics, healthcare's and training's.
    expect(unready[0]!.body).toContain('projector of core, healthcare and training events: not consuming');
    expect(answers.at(-1)!.status).toBe(200);
    const status = (await (await fetch(`${base}/status`)).json()) as {
      workers: Record<string, { consuming: boolean; lag: number; secondsSinceLastApplied: number | null }>;
    };
    expect(status.workers['projector of core, healthcare and training events']).toMatchObject({ consuming: true, lag: 0 });

    // The relay said when publishing stopped and when it resumed.
    const relayLog = relayLines.join('\n');
    expect(relayLog).toMatch(/cannot publish/);
    expect(relayLog).toMatch(/publishing again after a [\d.]+ s outage/);

    const { rows: first } = await coreSql.query(
      `select extract(epoch from min(sent_at)) * 1000 as at from core.outbox where sent_at > to_timestamp($1 / 1000.0)`,
      [deadAt],
    );
    const firstPublishAt = Number(first[0].at);
    const secs = (ms: number, digits = 1) => `${(ms / 1000).toFixed(digits)} s`;
    // Each change of /ready's answer, timed from the kill.
    const transitions = answers
      .filter((a, i) => i === 0 || a.status !== answers[i - 1]!.status)
      .map((a) => `kill ${a.at >= killedAt ? '+' : '-'} ${(Math.abs(a.at - killedAt) / 1000).toFixed(1)} s: ${a.status} ${a.body}`);
    const licensureLines = licensureProcess
      .output()
      .split('\n')
      .filter((l) => /kafka consumer|projector/.test(l));
    console.log(
      [
        `chaos: ${OWNERS} owners, ${pets.length} pets, ${WRITERS} writers through the gateway; ${writes.total} writes (${duringOutage} while the broker was down or restarting), 0 failed`,
        `broker SIGKILLed, restarted on its data ${(OUTAGE_MS / 1000).toFixed(0)} s later: port open after ${secs(openedAt - restartedAt)}, answering (metadata with leaders) after ${secs(answeredAt - restartedAt)} (kill + ${secs(answeredAt - killedAt)}), kafka.sh ready after ${secs(readyAt - restartedAt)}`,
        `from the broker answering again: first publish ${secs(firstPublishAt - answeredAt, 2)}, the outage's backlog in the copies ${secs(backlogAppliedAt - answeredAt)}, all copies current with the rules holding ${secs(currentAt - answeredAt)} (writers stopped ${secs(LOAD_AFTER_RETURN_MS)} after kafka.sh ready)`,
        `from the port opening: first publish ${secs(firstPublishAt - openedAt, 2)}`,
        `licensure /ready:\n  ${transitions.join('\n  ')}`,
        `${history[0]!.reports} lost reports, ${history[0]!.found} found with a date; the same process (pid ${pid}) throughout`,
        `licensure log:\n  ${licensureLines.join('\n  ')}`,
        `relay log:\n  ${relayLines.join('\n  ')}`,
      ].join('\n'),
    );
  }, 300_000);
});
