import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startGateway, SUBGRAPH_UNAVAILABLE } from '@psa/gateway';
import type { RunningServer } from '@psa/http';
import { postGraphQL, startTestStack, type GraphQLResponse, type ResponseTree, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, type TestOwner } from './helpers';
import { SUBGRAPHS } from '../../scripts/lib/subgraphs';

/**
 * A subgraph that hangs, and a subgraph process killed and started again, while clients keep asking: the
 * other subgraphs' data still comes back (HTTP 200) with a coded error on the missing fields, a circuit stops
 * the waiting, /ready names what is missing, and the data returns when the subgraph does.
 */
const ROOT = join(__dirname, '..', '..');
const QUERY = `{ me { firstName pets { name vaccinations { vaccineName } } } }`;
/** Calls wait at most `timeoutMs`; after 3 failures the circuit opens for `openMs`. */
const calls = (openMs: number, timeoutMs: number) => ({ timeoutMs, mutationTimeoutMs: timeoutMs, failuresToOpen: 3, openMs });
/**
 * The hung subgraph's time limit: far above what an answer without it takes on a loaded 2-core machine, so "fails at
 * once" and "waited for the limit" cannot be mistaken for each other.
 */
const HUNG_LIMIT_MS = 2000;

let stack: TestStack;
let owner: TestOwner;

beforeAll(async () => {
  execFileSync('node', ['scripts/build.mjs', 'licensure'], { cwd: ROOT });
  // Every subgraph of the supergraph: the gateway's /ready asks each one.
  stack = await startTestStack(SUBGRAPHS.map((s) => s.subgraph));
  owner = await createOwner(stack, 'outage-owner');
  const registrar = await stack.token('outage-registrar', ['registrar']);
  for (const name of ['Ada', 'Bo']) {
    const petId = await registerPet(stack, owner, { name });
    await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: petId }, registrar);
    await must(
      stack,
      `mutation($p: ID!) { addVaccination(input: { petId: $p, vaccineName: "Rabies", vaccineType: CORE, administeredDate: "2026-01-01", administeredBy: "Dr. Ames" }) { id } }`,
      { p: petId },
      registrar,
    );
  }
});
afterAll(() => stack?.close());

function gatewayWith(licensureUrl: string, openMs: number, timeoutMs = 500): Promise<RunningServer> {
  return startGateway({
    jwtSecret: stack.jwtSecret,
    identitySecret: stack.identitySecret,
    subgraphUrls: { ...Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s!.url])), licensure: licensureUrl },
    // Only licensure's calls are short: core answers every request, however loaded the machine is.
    subgraphCallsOf: { licensure: calls(openMs, timeoutMs) },
  });
}

/** /ready's view of every subgraph answering. */
const everyUp = () => Object.fromEntries(Object.keys(stack.subgraphs).map((name) => [name, { up: true, circuit: 'closed' }]));

/** `count` requests, `concurrency` at a time; each answer with how long it took. */
async function load(url: string, count: number, concurrency: number): Promise<{ res: GraphQLResponse; ms: number }[]> {
  const answers: { res: GraphQLResponse; ms: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const started = performance.now();
        const res = await postGraphQL(url, { query: QUERY }, { authorization: `Bearer ${owner.token}` });
        answers.push({ res, ms: performance.now() - started });
      }
    }),
  );
  return answers;
}

/** Core's part answered, licensure's part null with SUBGRAPH_UNAVAILABLE on each missing field's path. */
function expectCoreOnly(res: GraphQLResponse): void {
  expect(res.status).toBe(200);
  expect(res.data).toEqual({
    me: {
      firstName: 'Test',
      pets: [
        { name: 'Ada', vaccinations: null },
        { name: 'Bo', vaccinations: null },
      ],
    },
  });
  expect(res.errors!.length).toBeGreaterThan(0);
  for (const error of res.errors!) expect(error.extensions?.code).toBe(SUBGRAPH_UNAVAILABLE);
  expect(res.errors!.map((e) => e.path?.join('.'))).toContain('me.pets.0.vaccinations');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function ready(gateway: RunningServer): Promise<{ status: number; body: ResponseTree }> {
  const response = await fetch(gateway.url.replace(/\/graphql$/, '/ready'));
  return { status: response.status, body: await response.json() };
}

describe('a subgraph that never answers', () => {
  let hung: Server;
  let gateway: RunningServer;

  beforeAll(async () => {
    hung = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    // Open long enough that no trial call goes out during the test.
    gateway = await gatewayWith(`http://127.0.0.1:${(hung.address() as AddressInfo).port}/graphql`, 60_000, HUNG_LIMIT_MS);
  });
  afterAll(async () => {
    await gateway?.close();
    hung.closeAllConnections();
    await new Promise((r) => hung.close(r));
  });

  it('costs only its own fields, under load, and its circuit stops the waiting', async () => {
    const answers = await load(gateway.url, 60, 6);
    for (const { res } of answers) expectCoreOnly(res);
    const first = answers.slice(0, 6).map((a) => a.ms);
    const later = answers.slice(-30).map((a) => a.ms);
    // The first calls wait for the time limit; once the circuit is open, calls fail at once.
    expect(median(later)).toBeLessThan(HUNG_LIMIT_MS);
    console.log(
      `outage: hung subgraph, 60 requests 6 at a time: first answers median ${median(first).toFixed(0)} ms (time limit ${HUNG_LIMIT_MS} ms), after the circuit opened median ${median(later).toFixed(0)} ms`,
    );
    const { status, body } = await ready(gateway);
    expect(status).toBe(503);
    expect(body).toEqual({
      status: 'unavailable',
      reasons: ['subgraph licensure is not answering its /ready (circuit open)'],
      subgraphs: { ...everyUp(), licensure: { up: false, circuit: 'open' } },
    });
  });
});

describe('a subgraph process killed and started again', () => {
  let child: ChildProcess | null = null;
  let gateway: RunningServer;
  const port = 15000 + Math.floor(Math.random() * 2000);
  const OPEN_MS = 1_500;

  async function startLicensure(): Promise<void> {
    child = spawn(process.execPath, [join(ROOT, '.build', 'licensure.js')], {
      env: {
        ...process.env,
        DATABASE_URL: stack.subgraphs.licensure!.testDatabase.url,
        IDENTITY_SIGNING_SECRET: stack.identitySecret,
        PORT: String(port),
        KAFKA_NAMESPACE: `outage${randomBytes(3).toString('hex')}.`,
      },
      stdio: 'ignore',
    });
    for (let i = 0; i < 300; i++) {
      if (
        await fetch(`http://127.0.0.1:${port}/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('licensure process did not become ready');
  }

  beforeAll(async () => {
    await startLicensure();
    gateway = await gatewayWith(`http://127.0.0.1:${port}/graphql`, OPEN_MS);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await gateway?.close();
  });

  it("answers core's fields while it is down, says so in /ready, and answers in full once it is back", async () => {
    const whole = await postGraphQL(gateway.url, { query: QUERY }, { authorization: `Bearer ${owner.token}` });
    expect(whole).toEqual({
      status: 200,
      data: {
        me: {
          firstName: 'Test',
          pets: [
            { name: 'Ada', vaccinations: [{ vaccineName: 'Rabies' }] },
            { name: 'Bo', vaccinations: [{ vaccineName: 'Rabies' }] },
          ],
        },
      },
    });

    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    await exited;
    for (const { res } of await load(gateway.url, 30, 5)) expectCoreOnly(res);
    expect((await ready(gateway)).body.subgraphs.licensure.up).toBe(false);

    await startLicensure();
    const backAt = performance.now();
    let answer: GraphQLResponse;
    do {
      await new Promise((r) => setTimeout(r, 100));
      answer = await postGraphQL(gateway.url, { query: QUERY }, { authorization: `Bearer ${owner.token}` });
    } while (answer.errors && performance.now() - backAt < 20_000);
    expect(answer).toEqual(whole);
    console.log(
      `outage: licensure killed and restarted; full answers again ${((performance.now() - backAt) / 1000).toFixed(1)} s after it was ready (circuit open ${OPEN_MS} ms)`,
    );
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await ready(gateway)).toEqual({
      status: 200,
      body: {
        status: 'ready',
        subgraphs: everyUp(),
      },
    });
  });
});
