import { and, desc, eq, gte, type SQL } from 'drizzle-orm';
import { bigserial, index, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import { getNamedType, isObjectType, parse, type GraphQLResolveInfo } from 'graphql';
import type { Db } from '@psa/db';
export { REQUEST_ID_HEADER } from '@psa/identity';
import { badInput, forbidden } from './errors';
import type { Viewer } from './viewer';

/**
 * Every change made through a subgraph's API, one row per mutation field, written in the change's own
 * transaction (so there is never a change without its row, nor a row without its change). Kept 2 years.
 */
export function auditTable(schema: PgSchema) {
  return schema.table(
    'audit_log',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
      /** The token's subject; null for an anonymous caller. */
      actor: text('actor'),
      roles: text('roles').array().notNull(),
      /** The mutation field, e.g. registerPet. */
      action: text('action').notNull(),
      /** The type the mutation answers and the id of the entity it answered, when it has one. */
      entityType: text('entity_type'),
      entityId: text('entity_id'),
      /** The gateway's id of the client request: one request's changes in every division share it. */
      requestId: text('request_id'),
    },
    (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entityId), index('audit_log_actor_idx').on(t.actor)],
  );
}

export type AuditTable = ReturnType<typeof auditTable>;

/** The row a mutation writes: who, what, which entity, which request. */
export async function writeAudit(
  tx: Db,
  table: AuditTable,
  { viewer, requestId, info, args, result }: { viewer: Viewer; requestId: string | null; info: GraphQLResolveInfo; args: unknown; result: unknown },
): Promise<void> {
  const answered = typeof result === 'object' && result !== null && 'id' in result ? (result as { id: unknown }).id : undefined;
  const asked = typeof args === 'object' && args !== null && 'id' in args ? (args as { id: unknown }).id : undefined;
  const id = answered ?? asked;
  await tx.insert(table).values({
    actor: viewer.subject,
    roles: [...viewer.identity.roles],
    action: info.fieldName,
    // A mutation answering a Boolean (deletePet) names no type; its id is then the one it was given.
    entityType: isObjectType(getNamedType(info.returnType)) ? getNamedType(info.returnType).name : null,
    entityId: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
    requestId,
  });
}

const MAX_ENTRIES = 1_000;

/** `<subgraph>AuditLog(...)`: admins read a division's audit log, newest first. */
export function auditTypeDefs(subgraph: string) {
  return parse(/* GraphQL */ `
    "One change made through the API: who made it, what it was, which entity and which client request. Kept 2 years."
    type AuditEntry @shareable {
      at: DateTime!
      "The token's subject; null for an anonymous caller."
      actor: String
      roles: [String!]!
      "The mutation, e.g. registerPet."
      action: String!
      entityType: String
      entityId: ID
      "One client request's changes share it across divisions."
      requestId: String
      division: String!
    }

    extend type Query {
      "The ${subgraph} division's audit log, newest first (admins only). limit: 1 to ${MAX_ENTRIES}, default 100."
      ${subgraph}AuditLog(actor: String, entityId: ID, since: DateTime, limit: Int = 100): [AuditEntry!]!
    }
  `);
}

interface AuditQueryArgs {
  actor?: string | null;
  entityId?: string | null;
  since?: Date | null;
  limit?: number | null;
}

export function auditResolvers(subgraph: string, table: AuditTable) {
  return {
    Query: {
      [`${subgraph}AuditLog`]: async (_: unknown, args: AuditQueryArgs, ctx: { db: Db; viewer: Viewer }) => {
        if (!ctx.viewer.isAdmin) throw forbidden(`only admins read the ${subgraph} audit log`);
        const limit = args.limit ?? 100;
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ENTRIES) throw badInput('limit', `must be 1 to ${MAX_ENTRIES}, got ${limit}`);
        const where: SQL[] = [];
        if (args.actor != null) where.push(eq(table.actor, args.actor));
        if (args.entityId != null) where.push(eq(table.entityId, args.entityId));
        if (args.since != null) where.push(gte(table.at, args.since));
        const rows = await ctx.db
          .select()
          .from(table)
          .where(and(...where))
          .orderBy(desc(table.id))
          .limit(limit);
        return rows.map((row) => ({ ...row, division: subgraph }));
      },
    },
  };
}
