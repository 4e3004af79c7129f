import DataLoader from 'dataloader';
import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { notFound } from './errors';

import { isUuid, type Db } from '@psa/db';

/** Ids are database UUIDs; anything else cannot name a row. */
export { isUuid };

/**
 * The row `loader` holds for `id`, or the coded NOT_FOUND error naming `type` and `id` (a mutation's "Pet x does
 * not exist"). An id that cannot name a row (not a UUID, unless `validId` says otherwise) is not found either,
 * without a query.
 */
export async function loadOrNotFound<K extends string, R>(
  loader: DataLoader<K, R | null>,
  id: K,
  type: string,
  validId: (id: K) => boolean = isUuid,
): Promise<R> {
  const row = validId(id) ? await loader.load(id) : null;
  if (row === null) throw notFound(type, id);
  return row;
}

/** The key of a row looked up by its id. */
export const byId = (row: { id: string }): string => row.id;

/** A prepared statement with a `keys` placeholder (see isAnyKey and preparedStatements): one batch is one execute. */
interface KeyedStatement<R> {
  execute(placeholders: { keys: unknown[] }): Promise<R[]>;
}

/** How a loader reads a batch: a function of the keys, or a keyed statement run with them. */
type Fetch<K, R> = ((keys: K[]) => Promise<R[]>) | KeyedStatement<R>;

/** Keys that cannot exist are answered empty without reaching SQL, so one bad id never fails a whole batch. */
async function fetchValid<K extends string, R>(keys: readonly K[], fetch: Fetch<K, R>, validKey?: (key: K) => boolean) {
  const valid = validKey ? keys.filter(validKey) : [...keys];
  if (valid.length === 0) return [];
  return typeof fetch === 'function' ? fetch(valid) : fetch.execute({ keys: valid });
}

/**
 * A per-request loader of one row per key: `fetch` (usually a keyed statement) runs one SQL statement for all keys
 * collected in a tick. Missing keys resolve to null.
 */
export function rowLoader<K extends string, R>(fetch: Fetch<K, R>, keyOf: (row: R) => K, validKey?: (key: K) => boolean) {
  return new DataLoader<K, R | null>(async (keys) => {
    const rows = await fetchValid(keys, fetch, validKey);
    const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A per-request loader of the rows that belong to each key (a pet's vaccinations), in `fetch` order. */
export function groupLoader<K extends string, R>(fetch: Fetch<K, R>, keyOf: (row: R) => K, validKey?: (key: K) => boolean) {
  return new DataLoader<K, R[]>(async (keys) => {
    const rows = await fetchValid(keys, fetch, validKey);
    const byKey = new Map<K, R[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const group = byKey.get(key);
      if (group) group.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/**
 * `column = any(:keys)`: one statement text for a batch of any size, so a loader's statement can be prepared once
 * (see preparedStatements) and handed to rowLoader or groupLoader, which execute it with `{ keys }`.
 */
export const isAnyKey = (column: AnyPgColumn): SQL => sql`${column} = any(${sql.placeholder('keys')})`;

/**
 * A subgraph's loader statements, built with drizzle and prepared by name once per database handle: a batch then
 * only binds its keys. Building each select anew was a fifth of core's CPU per request, and a named statement
 * spares PostgreSQL parsing and planning it again on each connection. A transaction is a handle of its own, so a
 * mutation's loaders build theirs once per transaction.
 */
export function preparedStatements<S>(build: (db: Db) => S): (db: Db) => S {
  const built = new WeakMap<Db, S>();
  return (db) => {
    let statements = built.get(db);
    if (!statements) built.set(db, (statements = build(db)));
    return statements;
  };
}

/**
 * `select * from <table> where <key> = any(:keys) order by <order>`, prepared as `name`: the statement most loaders
 * run. One that needs more (a filter, some columns, a join) is written with drizzle, as newestPerKey is.
 */
export function rowsByKey<T extends PgTable>(
  db: Db,
  table: T,
  { key, order = [], name }: { key: AnyPgColumn; order?: (AnyPgColumn | SQL)[]; name: string },
): KeyedStatement<T['$inferSelect']> {
  const query = db
    .select()
    .from(table as PgTable)
    .where(isAnyKey(key));
  return (order.length > 0 ? query.orderBy(...order) : query).prepare(name) as unknown as KeyedStatement<T['$inferSelect']>;
}

/**
 * Each key's newest `limit` rows of `table` that match `where`, in `order` (newest first), as one prepared statement:
 * a window ranks the rows of the batch's keys and only the ranked ids are read whole, so a clinic with ten thousand
 * reviews costs its first page, not all of them. Hand it to groupLoader keyed by `key`.
 */
export function newestPerKey<T extends PgTable & { id: AnyPgColumn }>(
  db: Db,
  table: T,
  { key, where, order, limit, name }: { key: AnyPgColumn; where: SQL; order: SQL[]; limit: number; name: string },
): KeyedStatement<T['$inferSelect']> {
  const ranked = db
    .select({ id: table.id, rank: sql<number>`row_number() over (partition by ${key} order by ${sql.join(order, sql`, `)})`.as('rank') })
    .from(table as PgTable)
    .where(and(isAnyKey(key), where))
    .as('ranked');
  return db
    .select(getTableColumns(table as PgTable))
    .from(table as PgTable)
    .innerJoin(ranked, eq(ranked.id, table.id))
    .where(sql`${ranked.rank} <= ${limit}`)
    .orderBy(...order)
    .prepare(name) as unknown as KeyedStatement<T['$inferSelect']>;
}
