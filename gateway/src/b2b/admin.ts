import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { isUniqueViolation, type Db } from '@psa/db';
import { generateKey, isKeyPrefix } from './key-format';
import type { PreparedOperation } from './registration';
import { apiClients, apiKeys, trustedOperations, type ApiClientRow } from './tables';

/**
 * What `pnpm apikeys` does to the gateway's database: API clients, their keys and their registered operations.
 * Every refusal is an AdminError whose message names the value and the rule.
 */
export class AdminError extends Error {
  override name = 'AdminError';
}

export interface ClientInput {
  name: string;
  roles: string[];
  divisions: string[];
  requestsPerMinute: number;
}

const NAME = /^[a-z0-9][a-z0-9-]{1,62}$/;
const ROLE = /^[a-z][a-z0-9_-]{0,62}$/;
export const MAX_REQUESTS_PER_MINUTE = 100_000;

/** Every problem with a new client at once. `knownDivisions` are the supergraph's subgraphs. */
export function checkClientInput(input: ClientInput, knownDivisions: readonly string[]): string[] {
  const problems: string[] = [];
  if (!NAME.test(input.name))
    problems.push(`client name "${input.name}" must be 2 to 63 lower-case letters, digits and dashes, starting with a letter or digit`);
  for (const role of input.roles) if (!ROLE.test(role)) problems.push(`role "${role}" must be lower-case letters, digits, _ and -, starting with a letter`);
  if (input.divisions.length === 0) problems.push(`a client needs at least one division (one of: ${knownDivisions.join(', ')})`);
  for (const division of input.divisions) {
    if (!knownDivisions.includes(division)) problems.push(`division "${division}" is not a subgraph of the supergraph (one of: ${knownDivisions.join(', ')})`);
  }
  if (!Number.isInteger(input.requestsPerMinute) || input.requestsPerMinute < 1 || input.requestsPerMinute > MAX_REQUESTS_PER_MINUTE) {
    problems.push(`requests per minute must be a whole number from 1 to ${MAX_REQUESTS_PER_MINUTE}, got ${input.requestsPerMinute}`);
  }
  return problems;
}

export async function addClient(db: Db, input: ClientInput, knownDivisions: readonly string[]): Promise<ApiClientRow> {
  const problems = checkClientInput(input, knownDivisions);
  if (problems.length > 0) throw new AdminError(`client "${input.name}" cannot be added:\n  - ${problems.join('\n  - ')}`);
  try {
    const [row] = await db
      .insert(apiClients)
      .values({ name: input.name, roles: [...new Set(input.roles)], divisions: [...new Set(input.divisions)], requestsPerMinute: input.requestsPerMinute })
      .returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AdminError(`a client named "${input.name}" already exists`);
    throw error;
  }
}

export interface ClientSummary extends ApiClientRow {
  activeKeys: number;
  operations: number;
}

export async function listClients(db: Db): Promise<ClientSummary[]> {
  const clients = await db.select().from(apiClients).orderBy(asc(apiClients.name));
  const keys = await db.select({ clientId: apiKeys.clientId, n: count() }).from(apiKeys).where(isNull(apiKeys.revokedAt)).groupBy(apiKeys.clientId);
  const operations = await db.select({ clientId: trustedOperations.clientId, n: count() }).from(trustedOperations).groupBy(trustedOperations.clientId);
  const countOf = (rows: { clientId: string; n: number }[], id: string) => rows.find((r) => r.clientId === id)?.n ?? 0;
  return clients.map((client) => ({ ...client, activeKeys: countOf(keys, client.id), operations: countOf(operations, client.id) }));
}

async function clientNamed(db: Db, name: string): Promise<ApiClientRow> {
  const [client] = await db.select().from(apiClients).where(eq(apiClients.name, name)).limit(1);
  if (!client) throw new AdminError(`no client named "${name}" (see: pnpm apikeys clients list)`);
  return client;
}

/** A new key for the client. The whole key is in the answer and nowhere else: only its prefix and hash are stored. */
export async function issueKey(db: Db, clientName: string): Promise<{ key: string; prefix: string; client: ApiClientRow }> {
  const client = await clientNamed(db, clientName);
  // 48 random bits of prefix: a clash is unlikely, and the unique index turns one into a retry, not a shared prefix.
  for (let attempt = 0; attempt < 3; attempt++) {
    const key = generateKey();
    try {
      await db.insert(apiKeys).values({ clientId: client.id, prefix: key.prefix, secretHash: key.secretHash });
      return { key: key.key, prefix: key.prefix, client };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new AdminError('could not find an unused key prefix in 3 attempts');
}

export interface KeySummary {
  prefix: string;
  client: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listKeys(db: Db, clientName?: string): Promise<KeySummary[]> {
  const client = clientName === undefined ? undefined : await clientNamed(db, clientName);
  return db
    .select({ prefix: apiKeys.prefix, client: apiClients.name, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .innerJoin(apiClients, eq(apiClients.id, apiKeys.clientId))
    .where(client ? eq(apiKeys.clientId, client.id) : undefined)
    .orderBy(asc(apiClients.name), asc(apiKeys.createdAt));
}

/** Revokes the key with this prefix (`psa_<prefix>_...` also accepted). Revoking it again changes nothing. */
export async function revokeKey(db: Db, prefixOrKey: string): Promise<{ prefix: string; client: string; revokedAt: Date; already: boolean }> {
  const prefix = /^psa_([0-9a-f]{12})(_.*)?$/.exec(prefixOrKey)?.[1] ?? prefixOrKey;
  if (!isKeyPrefix(prefix)) throw new AdminError(`"${prefixOrKey}" is not a key prefix: 12 hex digits, as keys list shows them`);
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)))
    .returning({ revokedAt: apiKeys.revokedAt, clientId: apiKeys.clientId });
  const [row] = await db
    .select({ revokedAt: apiKeys.revokedAt, client: apiClients.name })
    .from(apiKeys)
    .innerJoin(apiClients, eq(apiClients.id, apiKeys.clientId))
    .where(eq(apiKeys.prefix, prefix));
  if (!row) throw new AdminError(`no key with prefix ${prefix} (see: pnpm apikeys keys list)`);
  return { prefix, client: row.client, revokedAt: row.revokedAt!, already: !revoked };
}

/** The client of a name, for checks that need its divisions before anything is written. */
export function findClient(db: Db, name: string): Promise<ApiClientRow> {
  return clientNamed(db, name);
}

/** Registers operations for the client; one already registered (same text) is left as it is. */
export async function registerOperations(
  db: Db,
  clientName: string,
  operations: PreparedOperation[],
): Promise<{ operation: PreparedOperation; added: boolean }[]> {
  const client = await clientNamed(db, clientName);
  return db.transaction(async (tx) => {
    const results: { operation: PreparedOperation; added: boolean }[] = [];
    for (const operation of operations) {
      const inserted = await tx
        .insert(trustedOperations)
        .values({ clientId: client.id, sha256: operation.sha256, name: operation.name, document: operation.text })
        .onConflictDoNothing()
        .returning({ sha256: trustedOperations.sha256 });
      results.push({ operation, added: inserted.length > 0 });
    }
    return results;
  });
}

export async function listOperations(db: Db, clientName: string): Promise<{ sha256: string; name: string; document: string; createdAt: Date }[]> {
  const client = await clientNamed(db, clientName);
  return db
    .select({ sha256: trustedOperations.sha256, name: trustedOperations.name, document: trustedOperations.document, createdAt: trustedOperations.createdAt })
    .from(trustedOperations)
    .where(eq(trustedOperations.clientId, client.id))
    .orderBy(asc(trustedOperations.name), asc(trustedOperations.createdAt));
}
