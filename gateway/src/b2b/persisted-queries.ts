import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { SharedRedis } from './redis';
import type { TrustedDocuments } from './operations';

/** How long a front-end app's automatic persisted query is kept after it was last registered. */
export const APQ_TTL_SECONDS = 3_600;

/** Apollo Server prefixes the keys it gives its persisted-query cache with this. */
const APQ_PREFIX = 'apq:';

/**
 * Automatic persisted queries in Redis, so a hash one gateway replica learnt is known to the others. A Redis that
 * does not answer is a miss (the client sends the text again) and a write that is lost; the outage is logged once.
 */
export class RedisDocuments implements KeyValueCache<string> {
  constructor(private readonly redis: SharedRedis) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.client.get(key)) ?? undefined;
    } catch (error) {
      this.redis.failed(error as Error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl ?? APQ_TTL_SECONDS;
    try {
      await this.redis.client.set(key, value, 'EX', ttl);
    } catch (error) {
      this.redis.failed(error as Error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.client.del(key)) > 0;
    } catch (error) {
      this.redis.failed(error as Error);
      return false;
    }
  }
}

/**
 * Apollo Server's persisted-query cache: where a hash sent without its text is turned into the text. Operations
 * registered for API clients come from the gateway's database first (they never expire and do not depend on
 * Redis); any other hash is an automatic persisted query a front-end app registered, kept in `automatic`. Only
 * automatic ones are ever written: Apollo writes after a request sent text and hash that match.
 */
export class PersistedDocuments implements KeyValueCache<string> {
  constructor(
    private readonly trusted: TrustedDocuments | null,
    private readonly automatic: KeyValueCache<string>,
    private readonly log: (line: string) => void,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const hash = key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key;
    const registered = await this.trusted?.document(hash).catch((error: Error) => {
      this.log(`gateway: registered operations cannot be read: ${error.message}`);
      return undefined;
    });
    return registered ?? this.automatic.get(key);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    return this.automatic.set(key, value, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.automatic.delete(key);
  }
}
