import { GraphQLError } from 'graphql';
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Database } from '@psa/db';
import type { Identity } from '@psa/identity';
import { ApiKeyError, ApiKeys, type ApiClientScope, type AuthenticatedKey } from './keys';
import { migrateGatewaySchema } from './migrations';
import { admit, TrustedDocuments, trustedOperationsPlugin } from './operations';
import { APQ_TTL_SECONDS, PersistedDocuments, RedisDocuments } from './persisted-queries';
import { MemoryRateLimiter, RedisRateLimiter, type RateDecision, type RateLimiter } from './rate-limit';
import { SharedRedis, type RedisSettings } from './redis';

export type { ApiClientScope } from './keys';
export { KEY_CACHE_MS, LAST_USED_EVERY_MS } from './keys';
export { RATE_WINDOW_MS } from './rate-limit';
export { APQ_TTL_SECONDS } from './persisted-queries';
export { DEFAULT_REDIS_KEY_PREFIX, type RedisSettings } from './redis';
export { OPERATION_NOT_TRUSTED, sha256Hex, sentOperationHash } from './operations';

/** The header a business consumer sends its key in. Not among the CORS headers: keys belong on servers, not in browsers. */
export const API_KEY_HEADER = 'x-api-key';
export const RATE_LIMITED = 'RATE_LIMITED';

export interface B2bOptions {
  /** The gateway's own database; without it every request with an API key is refused. */
  database?: Database;
  /** Shared by replicas; without it rate limits and automatic persisted queries are this process's alone. */
  redis?: RedisSettings;
  /** How long a key's look-up is reused (default KEY_CACHE_MS). */
  apiKeyCacheMs?: number;
  log: (line: string) => void;
}

/** What a request made with an API key adds to the gateway's context. */
export interface KeyContext {
  identity: Identity;
  apiClient: ApiClientScope;
}

export interface B2bFront<TContext extends BaseContext> {
  /**
   * Authenticates the key, takes one request from its rate and refuses an operation not registered for its
   * client (`operationHash`, see sentOperationHash); throws a coded GraphQLError to refuse.
   */
  authenticate(key: string, operationHash: string | undefined): Promise<KeyContext>;
  persistedQueries: { cache: KeyValueCache<string>; ttl: number };
  plugin: ApolloServerPlugin<TContext>;
  close(): Promise<void>;
}

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

function rateLimited(key: AuthenticatedKey, decision: RateDecision): GraphQLError {
  // Apollo sends extensions.http.headers (a HeaderMap) as response headers; typed loosely because another
  // package in the workspace declares those headers as a plain record.
  const extensions: Record<string, unknown> = {
    code: RATE_LIMITED,
    retryAfterSeconds: decision.retryAfterSeconds,
    http: { status: 429, headers: new HeaderMap([['retry-after', String(decision.retryAfterSeconds)]]) },
  };
  return new GraphQLError(
    `rate limit reached: API key psa_${key.prefix}_… may send ${key.client.requestsPerMinute} requests in any minute; retry after ${decision.retryAfterSeconds} s`,
    { extensions },
  );
}

/**
 * Business consumers at the gateway's door: API keys, their rate limits, the operations they may run, and the
 * persisted-query cache front-end apps share. Migrates the gateway's schema, connects to Redis, and says at
 * start-up what runs without either.
 */
export async function startB2bFront<TContext extends BaseContext & { apiClient?: ApiClientScope }>(options: B2bOptions): Promise<B2bFront<TContext>> {
  const { database, log } = options;
  if (database) await migrateGatewaySchema(database);
  else log('gateway: no database (GATEWAY_DATABASE_URL): requests with an API key will be refused');

  let redis: SharedRedis | null = null;
  if (options.redis) {
    redis = new SharedRedis(options.redis, log);
    // Not fatal: the gateway serves, fails open on rate limits and reconnects in the background (logged).
    await redis.ready();
  } else {
    log('gateway: no Redis (REDIS_URL): API-key rate limits and automatic persisted queries are counted and kept in this process only');
  }
  const keys = database ? new ApiKeys(database.db, { cacheMs: options.apiKeyCacheMs, log }) : null;
  const limiter: RateLimiter = redis ? new RedisRateLimiter(redis) : new MemoryRateLimiter();
  const automatic: KeyValueCache<string> = redis ? new RedisDocuments(redis) : new InMemoryLRUCache<string>();
  const trusted = database ? new TrustedDocuments(database.db) : null;

  return {
    async authenticate(header, operationHash) {
      if (!keys) throw unauthenticated('API keys are not accepted by this gateway: it runs without its database (GATEWAY_DATABASE_URL)');
      let key: AuthenticatedKey;
      try {
        key = await keys.authenticate(header);
      } catch (error) {
        if (error instanceof ApiKeyError) throw unauthenticated(error.message);
        log(`gateway: API keys cannot be checked: ${(error as Error).message}`);
        // Masked by the error formatter (the client learns nothing of our database); 503 says "try again".
        throw new GraphQLError('API keys cannot be checked right now', { extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } } });
      }
      const decision = await limiter.take(key.keyId, key.client.requestsPerMinute);
      if (!decision.allowed) throw rateLimited(key, decision);
      admit(key.client, operationHash);
      return { identity: { subject: `client:${key.client.name}`, roles: key.client.roles }, apiClient: key.client };
    },
    persistedQueries: { cache: new PersistedDocuments(trusted, automatic, log), ttl: APQ_TTL_SECONDS },
    plugin: trustedOperationsPlugin<TContext>(),
    async close() {
      await keys?.close();
      await redis?.close();
    },
  };
}
