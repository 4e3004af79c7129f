import { createServer } from 'node:net';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { APQ_TTL_SECONDS, RATE_WINDOW_MS, sha256Hex } from '@psa/gateway';
import { addClient, issueKey, registerOperations } from '@psa/gateway/src/b2b/admin';
import { postGraphQL, redisKeys, redisTtl, startTestStack, type TestStack } from '@psa/testing';
import { eventually, persisted, withKey } from './b2b-helpers';

/**
 * What gateway replicas share through Redis: each API key's rate and the front-end apps' automatic persisted
 * queries; and what a gateway does when its Redis does not answer (rate limits fail open, logged once).
 */
let stack: TestStack;
let replica: { url: string };
const SPECIES = 'query Species {\n  species {\n    code\n  }\n}';
const speciesHash = sha256Hex(SPECIES);

async function clientWithKey(name: string, requestsPerMinute: number): Promise<string> {
  const db = stack.b2b!.database.db;
  await addClient(db, { name, roles: [], divisions: ['core'], requestsPerMinute }, ['core', 'licensure']);
  await registerOperations(db, name, [{ name: 'Species', text: SPECIES, sha256: speciesHash, divisions: ['core'] }]);
  return (await issueKey(db, name)).key;
}

/** A local port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  stack = await startTestStack([core, licensure], { b2b: true });
  replica = await stack.b2b!.startReplica();
}, 120_000);
afterAll(() => stack?.close());

describe('rate limits per key, shared by the replicas', () => {
  it('counts requests through both gateways and answers the one over the limit 429 RATE_LIMITED with retry-after', async () => {
    const key = await clientWithKey('metered', 3);
    const species = { extensions: persisted(speciesHash) };
    const statuses = [];
    for (const url of [stack.gatewayUrl, replica.url, stack.gatewayUrl]) statuses.push((await withKey(url, key, species)).status);
    expect(statuses).toEqual([200, 200, 200]);

    for (const url of [replica.url, stack.gatewayUrl]) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(species) });
      expect(response.status).toBe(429);
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= RATE_WINDOW_MS / 1000).toBe(true);
      const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([
        {
          message: `rate limit reached: API key psa_${key.slice(4, 16)}_… may send 3 requests in any minute; retry after ${retryAfter} s`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
        },
      ]);
    }
    // One sorted set per key in the shared Redis, under the stack's prefix; requests without a key are not counted.
    const { rows } = await stack.b2b!.sql.query(
      "select k.id from gateway.api_keys k join gateway.api_clients c on c.id = k.client_id where c.name = 'metered'",
    );
    expect(await redisKeys(stack.b2b!.redis.keyPrefix)).toContain(`ratelimit:${rows[0].id}`);
    expect((await postGraphQL(stack.gatewayUrl, { query: '{ species { code } }' })).status).toBe(200);
  });

  it('keeps each key to its own count: another key of another client is not limited by the first', async () => {
    const key = await clientWithKey('roomy', 100);
    expect((await withKey(replica.url, key, { extensions: persisted(speciesHash) })).status).toBe(200);
  });
});

describe('automatic persisted queries of front-end apps', () => {
  it('a hash registered through one gateway is found by the other, and kept in Redis with a TTL', async () => {
    const query = '{ species { name } }';
    const hash = sha256Hex(query);
    const unknown = await postGraphQL(replica.url, { extensions: persisted(hash) });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await postGraphQL(stack.gatewayUrl, { query, extensions: persisted(hash) });
    expect(registered.status).toBe(200);
    // Apollo stores the query after answering, without waiting: the other replica finds it once it is written.
    await eventually('the replica finds the hash', async () => (await postGraphQL(replica.url, { extensions: persisted(hash) })).status === 200);
    const found = await postGraphQL(replica.url, { extensions: persisted(hash) });
    expect(found.data).toEqual(registered.data);

    const ttl = await redisTtl(`${stack.b2b!.redis.keyPrefix}apq:${hash}`);
    expect(ttl > 0 && ttl <= APQ_TTL_SECONDS).toBe(true);
  });
});

describe('a gateway whose Redis does not answer', () => {
  it('lets API-key requests through (fails open), says so once, and treats persisted-query hashes it cannot look up as unknown', async () => {
    const lines: string[] = [];
    const port = await closedPort();
    const isolated = await stack.b2b!.startReplica({
      redis: { url: `redis://127.0.0.1:${port}`, keyPrefix: stack.b2b!.redis.keyPrefix },
      log: (line) => lines.push(line),
    });
    const key = await clientWithKey('unmetered', 1);
    const species = { extensions: persisted(speciesHash) };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await withKey(isolated.url, key, species)).status);
    // A limit of 1 a minute, and three answers: the count is not kept while Redis is away.
    expect(statuses).toEqual([200, 200, 200]);
    const outage = lines.filter((line) => line.includes('is not answering'));
    expect(outage).toEqual([
      expect.stringMatching(new RegExp(`^gateway: Redis at redis://127\\.0\\.0\\.1:${port}/? is not answering \\(.*\\): API-key rate limits are not enforced`)),
    ]);

    // Registered operations come from the database, so a key's hash still resolves; a front-end app's does not.
    const frontEnd = '{ species { code name } }';
    const miss = await postGraphQL(isolated.url, { extensions: persisted(sha256Hex(frontEnd)) });
    expect(miss.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await postGraphQL(isolated.url, { query: frontEnd, extensions: persisted(sha256Hex(frontEnd)) })).status).toBe(200);

    // The replica on the working Redis still holds the same key to its limit of 1.
    expect((await withKey(stack.gatewayUrl, key, species)).status).toBe(200);
    expect((await withKey(stack.gatewayUrl, key, species)).status).toBe(429);
  });
});
