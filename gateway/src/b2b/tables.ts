import { sql } from 'drizzle-orm';
import { index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The gateway's own tables and its migrations table live in the `gateway` PostgreSQL schema. */
export const gatewaySchema = pgSchema('gateway');

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A business consumer of the API: the identity its keys act with and how far they may reach. */
export const apiClients = gatewaySchema.table(
  'api_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The roles its requests carry to the subgraphs, whose own role checks then apply (e.g. registrar). */
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The subgraphs its operations may reach; fields of any other are refused. */
    divisions: text('divisions').array().notNull(),
    requestsPerMinute: integer('requests_per_minute').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_clients_name_idx').on(t.name)],
);

/**
 * A key is `psa_<prefix>_<secret>`. Only the prefix (to find the row) and a SHA-256 of the secret are kept:
 * the secret is 32 random bytes, so its hash cannot be searched and needs no slow password hash.
 */
export const apiKeys = gatewaySchema.table(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => apiClients.id),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Written at most once a minute per key, off the request's path. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_prefix_idx').on(t.prefix), index('api_keys_client_id_idx').on(t.clientId)],
);

/** The operations a client's keys may run, by the SHA-256 (hex) of the exact text its requests send. */
export const trustedOperations = gatewaySchema.table(
  'trusted_operations',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => apiClients.id),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    document: text('document').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'trusted_operations_client_id_sha256_pk', columns: [t.clientId, t.sha256] }), index('trusted_operations_sha256_idx').on(t.sha256)],
);

export type ApiClientRow = typeof apiClients.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type TrustedOperationRow = typeof trustedOperations.$inferSelect;
