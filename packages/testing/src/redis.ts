import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

/** The Redis tests share (scripts/test.sh checks it answers); every suite writes under a prefix of its own. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other suite or run uses: `psa-test:<purpose>:<random>:`. */
export const testRedisPrefix = (purpose: string) => `psa-test:${purpose}:${randomBytes(4).toString('hex')}:`;

async function withRedis<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

/** Every key under the prefix (SCAN, not KEYS: other suites use the same Redis meanwhile). */
async function scan(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

/** Deletes every key under the prefix. */
export function dropRedisKeys(prefix: string): Promise<void> {
  return withRedis(async (redis) => {
    const keys = await scan(redis, prefix);
    if (keys.length > 0) await redis.del(...keys);
  });
}

/** The keys under the prefix, without it, for assertions on what the gateway shares. */
export function redisKeys(prefix: string): Promise<string[]> {
  return withRedis(async (redis) => (await scan(redis, prefix)).map((key) => key.slice(prefix.length)).sort());
}

/** Seconds the key has left to live (-1 without expiry, -2 when missing). */
export function redisTtl(key: string): Promise<number> {
  return withRedis((redis) => redis.ttl(key));
}
