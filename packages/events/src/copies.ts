import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { boolean, integer, timestamp, uuid, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@psa/db';

/**
 * The columns every materialized copy has. `version` is the aggregate's version in its owner; `deleted` keeps a
 * versioned tombstone so a late, older update cannot bring a deleted aggregate back.
 */
export function copyColumns() {
  return {
    id: uuid('id').primaryKey(),
    version: integer('version').notNull(),
    deleted: boolean('deleted').notNull().default(false),
    copiedAt: timestamp('copied_at', { withTimezone: true }).notNull().defaultNow(),
  };
}

type CopyTable = PgTable & { id: PgColumn; version: PgColumn; copiedAt: PgColumn };

/**
 * One INSERT ... ON CONFLICT for a batch of copies: a row changes only when the incoming version is newer, so
 * duplicates, replays and reordering change nothing. `rows` must hold at most one row per id (newest wins).
 * Returns the ids that changed.
 */
export async function versionedUpsert(tx: Db, table: CopyTable, rows: Record<string, unknown>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const set: Record<string, SQL> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (key === 'id') continue;
    set[key] = key === 'copiedAt' ? sql`now()` : sql.raw(`excluded."${column.name}"`);
  }
  // PostgreSQL takes at most 65,535 parameters a statement: large batches go in slices.
  const perStatement = Math.max(1, Math.floor(60_000 / Object.keys(getTableColumns(table)).length));
  const ids: string[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    // Drizzle cannot type an insert into a table only known by its shape; the callers' row types check the columns.
    const changed = await (tx.insert(table) as any)
      .values(rows.slice(start, start + perStatement))
      .onConflictDoUpdate({ target: table.id, set, setWhere: sql`${table.version} < excluded.version` })
      .returning({ id: table.id });
    ids.push(...(changed as { id: string }[]).map((r) => r.id));
  }
  return ids;
}

/** The newest event per aggregate, in first-seen order. */
export function newestPerAggregate<E extends { aggregateId: string; version: number }>(events: E[]): E[] {
  const newest = new Map<string, E>();
  for (const event of events) {
    const seen = newest.get(event.aggregateId);
    if (!seen || seen.version < event.version) newest.set(event.aggregateId, event);
  }
  return [...newest.values()];
}
