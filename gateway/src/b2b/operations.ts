import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Db } from '@psa/db';
import type { ApiClientScope } from './keys';
import { trustedOperations } from './tables';

/** The hash clients and the registry agree on: hex SHA-256 of the operation text, as Apollo's persisted queries use. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export const OPERATION_NOT_TRUSTED = 'OPERATION_NOT_TRUSTED';

function notTrusted(client: ApiClientScope, hash: string): GraphQLError {
  return new GraphQLError(
    `operation refused: API client "${client.name}" may run only the operations registered for it, and sha256 ${hash} is not one of them ` +
      '(send a registered operation by its hash in extensions.persistedQuery.sha256Hash, or its exact registered text)',
    { extensions: { code: OPERATION_NOT_TRUSTED, sha256: hash, http: { status: 403 } } },
  );
}

interface SentOperation {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

function readJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The hash of the operation a request names, read as Apollo will read it: the hash of its text when it sends
 * one (POST body or GET ?query=), otherwise the hash it sends alone. Undefined for a request that names none
 * (Apollo refuses it as malformed).
 */
export function sentOperationHash(method: string | undefined, url: string | undefined, body: string): string | undefined {
  let sent: SentOperation | undefined;
  if (method === 'GET') {
    const params = new URL(url ?? '/', 'http://localhost').searchParams;
    sent = { query: params.get('query') ?? undefined, extensions: readJson(params.get('extensions')) as SentOperation['extensions'] };
  } else {
    const parsed = readJson(body);
    sent = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as SentOperation) : undefined;
  }
  if (typeof sent?.query === 'string') return sha256Hex(sent.query);
  const hash = sent?.extensions?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/**
 * A request made with an API key runs only an operation registered for its client. Refused at the door, on what
 * it sent (before any look-up, parse or plan), by `admit`; then once more on the text Apollo resolved (from the
 * request, or for a hash from the persisted-query cache), so a cache answering the wrong text for a hash, or a
 * request shape the door did not read, cannot slip an unregistered operation through.
 */
export function admit(client: ApiClientScope, hash: string | undefined): void {
  if (hash !== undefined && !client.trusted.has(hash)) throw notTrusted(client, hash);
}

export function trustedOperationsPlugin<TContext extends BaseContext & { apiClient?: ApiClientScope }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const client = contextValue.apiClient;
      if (!client) return;
      return {
        async didResolveOperation({ source }) {
          const hash = sha256Hex(source);
          if (!client.trusted.has(hash)) throw notTrusted(client, hash);
        },
      };
    },
  };
}

/** How long the absence of a hash among trusted operations is remembered (a registration shows within this). */
const ABSENT_MS = 5_000;
const MAX_REMEMBERED = 10_000;

/**
 * The text of a registered operation by its hash, for requests that send the hash alone. A hash names one text
 * whichever client registered it, so texts are kept once found; absences only for a few seconds.
 */
export class TrustedDocuments {
  private readonly found = new Map<string, string>();
  private readonly absent = new Map<string, number>();

  constructor(private readonly db: Db) {}

  async document(hash: string): Promise<string | undefined> {
    const known = this.found.get(hash);
    if (known !== undefined) return known;
    const absentSince = this.absent.get(hash);
    if (absentSince !== undefined && Date.now() - absentSince < ABSENT_MS) return undefined;
    const [row] = await this.db.select({ document: trustedOperations.document }).from(trustedOperations).where(eq(trustedOperations.sha256, hash)).limit(1);
    if (this.found.size >= MAX_REMEMBERED) this.found.clear();
    if (this.absent.size >= MAX_REMEMBERED) this.absent.clear();
    if (row) this.found.set(hash, row.document);
    else this.absent.set(hash, Date.now());
    return row?.document;
  }
}
