import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { openPostgres, type Database } from '@psa/db';
import { checkRules, KafkaTransport, reconcile, waitForNoDrift, type Drift, type EventTransport, type RuleViolation } from '@psa/events';
import { copyPairs, divisionChecks, serveSubgraph, startWorkers, type RunningWorkers, type AnySubgraph } from '@psa/subgraph-kit';
import { signIdentity, type Identity } from '@psa/identity';
import { signBearerToken, startGateway, type GatewayOptions } from '@psa/gateway';
import { createTestDatabase, type TestDatabase } from './postgres';
import { dropRedisKeys, TEST_REDIS_URL, testRedisPrefix } from './redis';

/**
 * A GraphQL answer as a test reads it: the assertions state its shape (toEqual on exact values), so reading
 * into it freely is the point. The one `any` the lint gate allows, and only here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResponseTree = any;

export interface GraphQLResponse<T = ResponseTree> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface RunningSubgraph {
  name: string;
  url: string;
  database: Database;
  testDatabase: TestDatabase;
  /** Direct SQL access for assertions on what was stored (not through the subgraph). */
  sql: Pool;
  /** Every statement the subgraph's query builder sent since the last reset. */
  statements: string[];
}

/** The gateway's own database and its share of Redis, for stacks started with `b2b: true`. */
export interface B2bParts {
  database: Database;
  testDatabase: TestDatabase;
  /** Direct SQL access to the gateway's tables (schema `gateway`), for assertions on what was stored. */
  sql: Pool;
  redis: { url: string; keyPrefix: string };
  /**
   * Another gateway on the same subgraphs, database and Redis prefix: a second replica. `overrides` replace any
   * of its options (another Redis URL, say). Closed with the stack.
   */
  startReplica(overrides?: Partial<GatewayOptions>): Promise<Awaited<ReturnType<typeof startGateway>>>;
}

export interface TestStack {
  gatewayUrl: string;
  /** Present when the stack was started with `b2b: true`. */
  b2b?: B2bParts;
  subgraphs: Record<string, RunningSubgraph>;
  identitySecret: string;
  jwtSecret: string;
  transport: EventTransport;
  token(subject: string, roles?: string[]): Promise<string>;
  query<T = ResponseTree>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /**
   * Calls a subgraph directly, signed as the gateway would sign it for that subgraph and this exact body: for
   * tests of what a subgraph does with a request that is genuinely signed (reference resolvers, forged fields).
   */
  asGateway<T = ResponseTree>(
    subgraph: string,
    body: { query: string; variables?: Record<string, unknown> },
    identity: Identity,
  ): Promise<GraphQLResponse<T> & { headers: Record<string, string> }>;
  /** Every division's copies compared with their source. */
  reconcile(): Promise<Drift[]>;
  /** The rules divisions derive from their copies (their `checks`) that do not hold now. */
  checkRules(): Promise<RuleViolation[]>;
  /**
   * Waits until reconcile shows no drift (events delivered and applied) and every division's rules hold; throws
   * with what is still wrong after the timeout.
   */
  settle(timeoutMs?: number): Promise<void>;
  /** Stops one subgraph's workers (its relay, projector, ...) while its API keeps serving: a division that is down. */
  stopWorkers(subgraph: string): Promise<void>;
  close(): Promise<void>;
}

export const secret = () => randomBytes(32).toString('hex');

/** What the workers still have to do: rows an outbox relay has not published, events a projector has not applied. */
/** Every running worker's figures (GET /status), with its subgraph and name. */
async function workerFigures(workers: Map<string, RunningWorkers>): Promise<{ where: string; figures: Record<string, unknown> }[]> {
  const all: { where: string; figures: Record<string, unknown> }[] = [];
  for (const [subgraph, running] of workers)
    for (const [worker, figures] of Object.entries(await running.status()))
      all.push({ where: `${subgraph} ${worker}`, figures: figures as Record<string, unknown> });
  return all;
}

/** What the workers still have to publish or apply. */
async function inFlight(workers: Map<string, RunningWorkers>): Promise<string[]> {
  return (await workerFigures(workers)).flatMap(({ where, figures: { pending, lag } }) => [
    ...(typeof pending === 'number' && pending > 0 ? [`${where}: ${pending} to publish`] : []),
    ...(typeof lag === 'number' && lag > 0 ? [`${where}: ${lag} to apply`] : []),
  ]);
}

/** Events the divisions' projectors set aside, with the latest reason: what a settle() that timed out should say. */
async function deadLetters(workers: Map<string, RunningWorkers>): Promise<string[]> {
  return (await workerFigures(workers)).flatMap(({ where, figures: { deadLettered, lastDeadLetterReason } }) =>
    typeof deadLettered === 'number' && deadLettered > 0
      ? [`${where}: ${deadLettered} event(s) set aside on its dead-letter topic, the latest because: ${String(lastDeadLetterReason)}`]
      : [],
  );
}

export async function postGraphQL<T = ResponseTree>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  return postRaw(url, JSON.stringify(body), headers);
}

/** POSTs a body exactly as given (signatures cover the bytes). */
export async function postRaw<T = ResponseTree>(url: string, body: string, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await response.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: response.status, data: json.data, errors: json.errors };
}

/** The test broker (KAFKA_BROKERS, started by scripts/test.sh), namespaced so suites never see each other's events. */
export function testKafka(clientId: string): KafkaTransport {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0)
    throw new Error('KAFKA_BROKERS is not set: run the tests with scripts/test.sh, which starts a broker, or start one with infra/kafka/kafka.sh start');
  return new KafkaTransport({ brokers, clientId, namespace: `t${randomBytes(4).toString('hex')}.` });
}

export interface StackOptions {
  /** Defaults to the test Kafka broker. */
  transport?: EventTransport;
  /** Run relays and projectors (default true). */
  workers?: boolean;
  /** The gateway's JWT key, for a test that signs a token before the stack starts (for the IDE's headers). */
  jwtSecret?: string;
  /** Gateway options beyond secrets and subgraph URLs: CORS origins, the IDE, production mode. */
  gateway?: Omit<GatewayOptions, 'jwtSecret' | 'identitySecret' | 'subgraphUrls'>;
  /** Where the workers' log lines go (default: nowhere). */
  log?: (line: string) => void;
  /**
   * Give the gateway a throwaway database of its own (API clients, keys, registered operations) and the test
   * Redis (TEST_REDIS_URL) under a key prefix of this stack's own, removed on close.
   */
  b2b?: boolean;
}

/** The gateway's database and Redis prefix, each removed by a closer. */
/**
 * The tests' own connections to a stack's database. An idle one cut by the database's drop at close is expected: it
 * is logged, not left to crash whichever test runs next in the process.
 */
function testPool(url: string): Pool {
  const pool = new Pool({ connectionString: url, max: 2 });
  pool.on('error', (error) => console.error('test pool: idle connection error', error.message));
  return pool;
}

async function b2bParts(closers: (() => Promise<void>)[]): Promise<Omit<B2bParts, 'startReplica'>> {
  const testDatabase = await createTestDatabase('gateway');
  closers.push(() => testDatabase.drop());
  const database = openPostgres(testDatabase.url);
  closers.push(() => database.close());
  const sql = testPool(testDatabase.url);
  closers.push(() => sql.end());
  const redis = { url: TEST_REDIS_URL, keyPrefix: testRedisPrefix('stack') };
  closers.push(() => dropRedisKeys(redis.keyPrefix));
  return { database, testDatabase, sql, redis };
}

/**
 * The real thing on real PostgreSQL and a real broker: every subgraph on a throwaway database of its own, served
 * over HTTP with its workers, behind the gateway started from the committed supergraph.
 */
export async function startTestStack(subgraphs: AnySubgraph[], options: StackOptions = {}): Promise<TestStack> {
  const identitySecret = secret();
  const jwtSecret = options.jwtSecret ?? secret();
  const running: Record<string, RunningSubgraph> = {};
  const workers = new Map<string, RunningWorkers>();
  const closers: (() => Promise<void>)[] = [];
  const transport = options.transport ?? testKafka('test-stack');
  closers.push(() => transport.close());
  try {
    for (const subgraph of subgraphs) {
      const testDatabase = await createTestDatabase(subgraph.name);
      closers.push(() => testDatabase.drop());
      const statements: string[] = [];
      const database = openPostgres(testDatabase.url, { onQuery: (statement) => statements.push(statement) });
      const sql = testPool(testDatabase.url);
      closers.push(() => sql.end());
      closers.push(() => database.close());
      // GET /ready asks the subgraph's workers too, as in a deployed process.
      const server = await serveSubgraph(subgraph, { database, identitySecret, workersNotReady: () => workers.get(subgraph.name)?.notReady() ?? [] });
      closers.push(() => server.close());
      running[subgraph.name] = { name: subgraph.name, url: server.url, database, testDatabase, sql, statements };
    }
    if (options.workers !== false) {
      for (const subgraph of subgraphs) {
        const started = await startWorkers(subgraph, { database: running[subgraph.name]!.database, transport, log: options.log ?? (() => undefined) });
        workers.set(subgraph.name, started);
        closers.push(() => started.stop());
      }
    }
    const parts = options.b2b ? await b2bParts(closers) : undefined;
    const gatewayOptions: GatewayOptions = {
      // Start-up notes ("no database", "no Redis") would repeat for every suite; a test that wants them passes log.
      log: () => undefined,
      ...(parts ? { database: parts.database, redis: parts.redis } : {}),
      ...options.gateway,
      jwtSecret,
      identitySecret,
      subgraphUrls: Object.fromEntries(Object.values(running).map((s) => [s.name, s.url])),
    };
    const gateway = await startGateway(gatewayOptions);
    closers.push(() => gateway.close());
    const b2b: B2bParts | undefined = parts && {
      ...parts,
      startReplica: async (overrides = {}) => {
        const replica = await startGateway({ ...gatewayOptions, ...overrides });
        closers.push(() => replica.close());
        return replica;
      },
    };
    const pairs = copyPairs(subgraphs, (name) => running[name]?.database.db);
    const checks = divisionChecks(subgraphs, (name) => running[name]?.database.db);
    const stack: TestStack = {
      gatewayUrl: gateway.url,
      b2b,
      subgraphs: running,
      identitySecret,
      jwtSecret,
      transport,
      token: (subject, roles = []) => signBearerToken(jwtSecret, subject, roles),
      query: (query, variables, token) => postGraphQL(gateway.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {}),
      asGateway: async (subgraph, body, identity) => {
        const target = running[subgraph];
        if (!target) throw new Error(`no subgraph ${subgraph} in this stack`);
        const text = JSON.stringify(body);
        const headers = signIdentity(identity, identitySecret, { audience: subgraph, body: text });
        return { ...(await postRaw(target.url, text, headers)), headers };
      },
      reconcile: () => reconcile(pairs),
      checkRules: () => checkRules(checks),
      stopWorkers: async (name) => {
        const running = workers.get(name);
        if (!running) throw new Error(`stopWorkers: ${name} has no running workers`);
        workers.delete(name);
        await running.stop();
      },
      settle: (timeoutMs = 30_000) =>
        waitForNoDrift(pairs, timeoutMs, checks, () => inFlight(workers)).catch(async (error: Error) => {
          // A copy that stays stale is often an event its projection could not apply: say why.
          const notes = await deadLetters(workers).catch(() => []);
          throw notes.length > 0 ? new Error(`${error.message}\n${notes.join('\n')}`) : error;
        }),
      close: async () => {
        for (const close of closers.reverse()) await close();
      },
    };
    return stack;
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}
