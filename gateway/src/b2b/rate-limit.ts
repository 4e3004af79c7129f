import { randomBytes } from 'node:crypto';
import type { Result } from 'ioredis';
import type { SharedRedis } from './redis';

/**
 * Requests per minute per API key, as a sliding log: a request is let through when fewer than `limit` requests
 * of the same key were let through in the 60 seconds before it. Unlike a fixed window (a counter per clock
 * minute), no burst of twice the limit is possible across a minute boundary, and the wait a refused client is
 * told is exact: until the oldest request it counts leaves the window. Refused requests are not counted, so a
 * client that retries too early does not push its own wait further out.
 */
export const RATE_WINDOW_MS = 60_000;

export interface RateDecision {
  allowed: boolean;
  /** When refused: whole seconds until one more request would be let through (at least 1). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(keyId: string, limit: number): Promise<RateDecision>;
}

const allowed: RateDecision = { allowed: true, retryAfterSeconds: 0 };
const refused = (waitMs: number): RateDecision => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });

/**
 * The log of one key as a Redis sorted set of the times (ms, on Redis's clock, so every replica agrees) of the
 * requests it let through. Trim, count, add and expire run as one script: atomic, one round trip, and two
 * replicas can never both take the last place.
 */
const SLIDING_LOG = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    psaSlidingLog(key: string, limit: number, windowMs: number, member: string): Result<[number, number], Context>;
  }
}

/**
 * Counts in Redis, shared by every gateway replica. When Redis does not answer, requests are let through
 * (fail open) and the outage is logged: a key can still run only its registered operations within the operation
 * limits, so an outage of the counter should not become an outage of the partners' API.
 */
export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: SharedRedis) {
    redis.client.defineCommand('psaSlidingLog', { numberOfKeys: 1, lua: SLIDING_LOG });
  }

  async take(keyId: string, limit: number): Promise<RateDecision> {
    try {
      // Two requests in the same millisecond need members of their own.
      const [ok, waitMs] = await this.redis.client.psaSlidingLog(`ratelimit:${keyId}`, limit, RATE_WINDOW_MS, randomBytes(6).toString('hex'));
      return ok === 1 ? allowed : refused(waitMs);
    } catch (error) {
      this.redis.failed(error as Error);
      return allowed;
    }
  }
}

/** The same log in this process's memory: for a gateway without Redis, whose counts then are its own. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly logs = new Map<string, number[]>();

  async take(keyId: string, limit: number): Promise<RateDecision> {
    const now = Date.now();
    const log = (this.logs.get(keyId) ?? []).filter((at) => at > now - RATE_WINDOW_MS);
    this.logs.set(keyId, log);
    if (log.length < limit) {
      log.push(now);
      return allowed;
    }
    return refused(log[0]! + RATE_WINDOW_MS - now);
  }
}
