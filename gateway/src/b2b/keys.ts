import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { parseKey, secretMatches } from './key-format';
import { apiClients, apiKeys, trustedOperations } from './tables';

/** What a request made with an API key may do: who it acts as, where it may reach, what it may run, how often. */
export interface ApiClientScope {
  clientId: string;
  name: string;
  roles: string[];
  /** Subgraphs its operations may reach. */
  divisions: ReadonlySet<string>;
  requestsPerMinute: number;
  /** SHA-256 (hex) of each operation registered for the client. */
  trusted: ReadonlySet<string>;
}

export interface AuthenticatedKey {
  keyId: string;
  prefix: string;
  client: ApiClientScope;
}

/** A key that is malformed, unknown, wrong or revoked: the request is answered 401 with this message. */
export class ApiKeyError extends Error {
  override name = 'ApiKeyError';
}

/**
 * How long a key's row (with its client and the client's operations) is reused before it is read again. This is
 * how long a revocation, a new registered operation or a changed client takes to reach every gateway replica.
 */
export const KEY_CACHE_MS = 5_000;
/** last_used_at is written at most this often per key (and per replica; the UPDATE itself skips fresher rows). */
export const LAST_USED_EVERY_MS = 60_000;
/** Past this many cached keys the expired ones are dropped; bounds memory under a flood of made-up prefixes. */
const MAX_CACHED_KEYS = 10_000;

interface KeyRecord {
  keyId: string;
  secretHash: string;
  revokedAt: Date | null;
  client: ApiClientScope;
}

export interface ApiKeysOptions {
  cacheMs?: number;
  log?: (line: string) => void;
}

/**
 * Authenticates API keys against the gateway's database. Look-ups are cached per prefix for `cacheMs` (one
 * query per key and replica every few seconds, not one per request); concurrent requests share one look-up.
 */
export class ApiKeys {
  private readonly cache = new Map<string, { at: number; record: Promise<KeyRecord | null> }>();
  private readonly lastMarked = new Map<string, number>();
  private readonly pendingWrites = new Set<Promise<void>>();
  private readonly cacheMs: number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly db: Db,
    options: ApiKeysOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? KEY_CACHE_MS;
    this.log = options.log ?? console.log;
  }

  async authenticate(header: string): Promise<AuthenticatedKey> {
    const parsed = parseKey(header);
    if (!parsed) throw new ApiKeyError('x-api-key is not an API key of this API: it must read psa_<12 hex digits>_<43 characters>');
    const shown = `psa_${parsed.prefix}_…`;
    const record = await this.lookup(parsed.prefix);
    if (!record || !secretMatches(parsed.secret, record.secretHash)) throw new ApiKeyError(`API key ${shown} is not valid`);
    if (record.revokedAt) throw new ApiKeyError(`API key ${shown} was revoked at ${record.revokedAt.toISOString()}`);
    this.markUsed(record.keyId);
    return { keyId: record.keyId, prefix: parsed.prefix, client: record.client };
  }

  /** Waits for last-used writes already started, so the caller can close the database after. */
  async close(): Promise<void> {
    await Promise.all([...this.pendingWrites]);
  }

  private lookup(prefix: string): Promise<KeyRecord | null> {
    const now = Date.now();
    const cached = this.cache.get(prefix);
    if (cached && now - cached.at < this.cacheMs) return cached.record;
    if (this.cache.size >= MAX_CACHED_KEYS) {
      for (const [key, entry] of this.cache) if (now - entry.at >= this.cacheMs) this.cache.delete(key);
    }
    const record = this.read(prefix);
    this.cache.set(prefix, { at: now, record });
    // A failed read is not remembered: the next request tries the database again.
    record.catch(() => this.cache.delete(prefix));
    return record;
  }

  private async read(prefix: string): Promise<KeyRecord | null> {
    const [row] = await this.db
      .select({
        keyId: apiKeys.id,
        secretHash: apiKeys.secretHash,
        revokedAt: apiKeys.revokedAt,
        clientId: apiClients.id,
        name: apiClients.name,
        roles: apiClients.roles,
        divisions: apiClients.divisions,
        requestsPerMinute: apiClients.requestsPerMinute,
      })
      .from(apiKeys)
      .innerJoin(apiClients, eq(apiClients.id, apiKeys.clientId))
      .where(eq(apiKeys.prefix, prefix))
      .limit(1);
    if (!row) return null;
    const operations = await this.db.select({ sha256: trustedOperations.sha256 }).from(trustedOperations).where(eq(trustedOperations.clientId, row.clientId));
    return {
      keyId: row.keyId,
      secretHash: row.secretHash,
      revokedAt: row.revokedAt,
      client: {
        clientId: row.clientId,
        name: row.name,
        roles: row.roles,
        divisions: new Set(row.divisions),
        requestsPerMinute: row.requestsPerMinute,
        trusted: new Set(operations.map((o) => o.sha256)),
      },
    };
  }

  /**
   * Records the key's use at most once a minute, without the request waiting for it: the UPDATE is started and
   * left to finish on its own. Its WHERE clause skips a row another replica marked within the minute.
   */
  private markUsed(keyId: string): void {
    const now = Date.now();
    const last = this.lastMarked.get(keyId);
    if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
    this.lastMarked.set(keyId, now);
    const write = this.db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))))
      .then(
        () => undefined,
        (error: Error) => this.log(`gateway: could not record the use of API key ${keyId}: ${error.message}`),
      );
    this.pendingWrites.add(write);
    void write.finally(() => this.pendingWrites.delete(write));
  }
}
