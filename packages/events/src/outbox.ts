import { asc, inArray, isNull, sql } from 'drizzle-orm';
import { bigserial, index, jsonb, PgTransaction, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import type { Db } from '@psa/db';
import { validateEnvelope, type EventEnvelope } from './envelope';
import { notifyOutbox } from './notify';

/**
 * The producer's outbox, in the producer's own schema: events are rows written in the same transaction as the
 * change they describe, so a change and its event commit or roll back together. `envelope` null is a tombstone.
 */
export function outboxTable(schema: PgSchema) {
  return schema.table(
    'outbox',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      topic: text('topic').notNull(),
      key: text('key').notNull(),
      envelope: jsonb('envelope').$type<EventEnvelope>(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      sentAt: timestamp('sent_at', { withTimezone: true }),
    },
    (t) => [
      index('outbox_unsent_idx')
        .on(t.id)
        .where(sql`${t.sentAt} is null`),
    ],
  );
}

export type OutboxTable = ReturnType<typeof outboxTable>;

export interface PendingEvent {
  topic: string;
  key: string;
  /** null: a tombstone for `key`, published after the aggregate's delete event so compaction can forget it. */
  envelope: EventEnvelope | null;
}

export type Emit = (event: PendingEvent) => void;

/**
 * Runs `work` in one transaction and writes every event it emits into the outbox in that same transaction.
 * Events are validated before anything commits: an invalid event rolls the change back.
 */
export async function withOutbox<T>(db: Db, outbox: OutboxTable, work: (tx: Db, emit: Emit) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const pending: PendingEvent[] = [];
    const result = await work(tx as unknown as Db, (event) => {
      if (event.envelope) validateEnvelope(event.envelope);
      pending.push(event);
    });
    if (pending.length > 0) await tx.insert(outbox).values(pending);
    return result;
  });
}

/**
 * A producer's outbox: its table in the producer's schema, `change` to run a change with its events in one
 * transaction and wake the relay, and `emitIn` for a transaction that is already open (a projector's batch).
 */
export function createOutbox(schema: PgSchema, name: string) {
  const table = outboxTable(schema);
  return {
    table,
    /** Names the relay and its advisory lock. */
    name,
    async change<T>(db: Db, work: (tx: Db, emit: Emit) => Promise<T>): Promise<T> {
      const result = await withOutbox(db, table, work);
      // Inside a transaction already (a subgraph's mutation: the kit runs each in one), this committed only a
      // savepoint: the relay is woken by whoever commits it, or it would look before the rows are visible.
      if (!(db instanceof PgTransaction)) notifyOutbox(name);
      return result;
    },
    /** Writes events in `tx`; the relay publishes them once it commits (at its next poll). */
    async emitIn(tx: Db, events: PendingEvent[]): Promise<void> {
      for (const event of events) if (event.envelope) validateEnvelope(event.envelope);
      if (events.length > 0) await tx.insert(table).values(events);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

export interface OutboxRow {
  id: number;
  topic: string;
  key: string;
  envelope: EventEnvelope | null;
}

/** The oldest unsent rows, in commit order of their ids. */
export function unsentRows(db: Db, outbox: OutboxTable, limit: number): Promise<OutboxRow[]> {
  return db
    .select({ id: outbox.id, topic: outbox.topic, key: outbox.key, envelope: outbox.envelope })
    .from(outbox)
    .where(isNull(outbox.sentAt))
    .orderBy(asc(outbox.id))
    .limit(limit);
}

/**
 * Whether any row waits, as one prepared statement on the unsent-rows index: what an idle relay asks at each poll
 * instead of opening a locked transaction to find nothing (four round trips, and most of an idle subgraph's CPU).
 */
export function unsentCheck(db: Db, outbox: OutboxTable, name: string): () => Promise<boolean> {
  const statement = db.select({ id: outbox.id }).from(outbox).where(isNull(outbox.sentAt)).limit(1).prepare(`outbox_unsent_${name}`);
  return async () => (await statement.execute()).length > 0;
}

export async function markSent(db: Db, outbox: OutboxTable, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.update(outbox).set({ sentAt: new Date() }).where(inArray(outbox.id, ids));
}

export interface OutboxBacklog {
  rows: number;
  /** Age of the oldest unsent row; 0 when there is none. */
  oldestSeconds: number;
}

/** What waits to be published: read by the relay's log lines and GET /status. */
export async function outboxBacklog(db: Db, outbox: OutboxTable): Promise<OutboxBacklog> {
  const [row] = await db
    .select({ rows: sql<number>`count(*)::int`, oldest: sql<number>`coalesce(extract(epoch from now() - min(${outbox.createdAt})), 0)::float8` })
    .from(outbox)
    .where(isNull(outbox.sentAt));
  return { rows: row?.rows ?? 0, oldestSeconds: Number(row?.oldest ?? 0) };
}
