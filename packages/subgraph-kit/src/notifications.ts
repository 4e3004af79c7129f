import { and, desc, eq, inArray } from 'drizzle-orm';
import { boolean, index, text, timestamp, uuid, varchar, type PgSchema } from 'drizzle-orm/pg-core';
import { parse } from 'graphql';
import type { Db } from '@psa/db';
import { badInput } from './errors';
import { isUuid } from './loaders';
import type { Viewer } from './viewer';

/**
 * The platform's notifications (the training seed's `notifications`), one mechanism for every division: each keeps
 * them in its own schema (`notificationsTable(schema)`, declared as `notifications` in createSubgraph), writes them
 * with `notify` in the transaction of the change they announce, and the kit serves them to their recipient as
 * `<division>Notifications` and `mark<Division>NotificationsRead`. `user_id` is the recipient's token subject, so
 * owners and trainers alike receive them. Kept 2 years (logs); deleted with an owner's erasure.
 */
export function notificationsTable(schema: PgSchema) {
  return schema.table(
    'notifications',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      userId: text('user_id').notNull(),
      /** What happened, UPPER_CASE: BOOKING_REQUESTED, BOOKING_ACCEPTED, PAYOUT_PROCESSED, ... */
      type: varchar('type', { length: 60 }).notNull(),
      message: text('message').notNull(),
      isRead: boolean('is_read').notNull().default(false),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index('notifications_user_created_idx').on(t.userId, t.createdAt)],
  );
}

export type NotificationsTable = ReturnType<typeof notificationsTable>;

export interface NotificationInput {
  /** The recipient's token subject. */
  userId: string;
  type: string;
  message: string;
}

/** Writes notifications in `tx`: they exist exactly when the change they announce commits. */
export async function notify(tx: Db, table: NotificationsTable, notifications: NotificationInput[]): Promise<void> {
  if (notifications.length > 0) await tx.insert(table).values(notifications);
}

const MAX_LIST = 200;
const capitalised = (name: string) => name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

export function notificationTypeDefs(subgraph: string) {
  return parse(/* GraphQL */ `
    "Something a division tells one user: a booking requested, accepted, a payout processed. The recipient alone reads it."
    type Notification @shareable {
      id: ID!
      type: String!
      message: String!
      isRead: Boolean!
      createdAt: DateTime!
      division: String!
    }

    extend type Query {
      "The ${subgraph} division's notifications to the signed-in user, newest first. limit: 1 to ${MAX_LIST}, default 50."
      ${subgraph}Notifications(unreadOnly: Boolean = false, limit: Int = 50): [Notification!]!
    }

    extend type Mutation {
      "Marks the signed-in user's own ${subgraph} notifications read (at most ${MAX_LIST} ids); answers how many changed. Others' ids change nothing."
      mark${capitalised(subgraph)}NotificationsRead(ids: [ID!]!): Int!
    }
  `);
}

export function notificationResolvers(subgraph: string, table: NotificationsTable) {
  return {
    Query: {
      [`${subgraph}Notifications`]: async (_: unknown, args: { unreadOnly?: boolean | null; limit?: number | null }, ctx: { db: Db; viewer: Viewer }) => {
        const userId = ctx.viewer.requireSubject();
        const limit = args.limit ?? 50;
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) throw badInput('limit', `must be 1 to ${MAX_LIST}, got ${limit}`);
        const rows = await ctx.db
          .select()
          .from(table)
          .where(and(eq(table.userId, userId), args.unreadOnly ? eq(table.isRead, false) : undefined))
          .orderBy(desc(table.createdAt), desc(table.id))
          .limit(limit);
        return rows.map((row) => ({ ...row, division: subgraph }));
      },
    },
    Mutation: {
      [`mark${capitalised(subgraph)}NotificationsRead`]: async (_: unknown, { ids }: { ids: string[] }, ctx: { db: Db; viewer: Viewer }) => {
        const userId = ctx.viewer.requireSubject();
        if (ids.length > MAX_LIST) throw badInput('ids', `at most ${MAX_LIST} ids, got ${ids.length}`);
        const valid = ids.filter(isUuid);
        if (valid.length === 0) return 0;
        const changed = await ctx.db
          .update(table)
          .set({ isRead: true })
          .where(and(eq(table.userId, userId), inArray(table.id, valid), eq(table.isRead, false)))
          .returning({ id: table.id });
        return changed.length;
      },
    },
  };
}
