import { sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from '@psa/db';
import type { Worker, WorkerDeps } from './subgraph';

/**
 * How long the platform keeps what, in years after a row's date (the seed's compliance section). Active owners
 * and pets are kept indefinitely; deleted accounts follow the erasure rules, not these.
 */
export const RETENTION_YEARS = { transactions: 7, 'health records': 10, 'logs and audit': 2 } as const;
export type RetentionKind = keyof typeof RETENTION_YEARS;

/** One table a subgraph keeps for a limited time, declared once beside its other declarations. */
export interface RetentionRule {
  kind: RetentionKind;
  table: PgTable;
  /** The date the period runs from: a date or timestamp column, or an SQL expression of the row's columns. */
  from: AnyPgColumn | SQL;
  /** Rows never removed whatever their age, e.g. an outbox row not yet published. */
  keepWhile?: SQL;
}

export interface RetentionResult {
  table: string;
  kind: RetentionKind;
  years: number;
  /** Rows dated before this day are past their period. */
  before: string;
  rows: number;
}

export interface RetentionOptions {
  /** Count only; remove nothing. */
  dryRun?: boolean;
  /** The day the periods are counted back from (default: today); a later day shows what will go then. */
  asOf?: Date;
  /** Progress, one line per batch removed. */
  log?: (line: string) => void;
}

/** Removed per statement, so a first run over years of rows never holds long locks on a busy table. */
const BATCH = 5_000;

function dayBefore(asOf: Date, years: number): string {
  const day = new Date(Date.UTC(asOf.getUTCFullYear() - years, asOf.getUTCMonth(), asOf.getUTCDate()));
  return day.toISOString().slice(0, 10);
}

const tableName = (table: PgTable) => {
  const { schema, name } = getTableConfig(table);
  return schema ? `${schema}.${name}` : name;
};

/** Applies each rule: counts (dry run) or removes the rows past their period, in batches. */
export async function applyRetention(db: Db, rules: RetentionRule[], options: RetentionOptions = {}): Promise<RetentionResult[]> {
  const asOf = options.asOf ?? new Date();
  const results: RetentionResult[] = [];
  for (const rule of rules) {
    const years = RETENTION_YEARS[rule.kind];
    const before = dayBefore(asOf, years);
    const name = tableName(rule.table);
    const expired = rule.keepWhile ? sql`${rule.from} < ${before}::date and not (${rule.keepWhile})` : sql`${rule.from} < ${before}::date`;
    let rows = 0;
    if (options.dryRun) {
      const [counted] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${rule.table} where ${expired}`));
      rows = counted?.n ?? 0;
    } else {
      for (;;) {
        const removed = rowsOf(
          await db.execute(sql`delete from ${rule.table} where ctid in (select ctid from ${rule.table} where ${expired} limit ${BATCH}) returning 1`),
        ).length;
        rows += removed;
        if (removed > 0) options.log?.(`retention: ${name}: ${rows} rows dated before ${before} removed so far`);
        if (removed < BATCH) break;
      }
    }
    results.push({ table: name, kind: rule.kind, years, before, rows });
  }
  return results;
}

export function formatRetention(results: RetentionResult[], dryRun: boolean): string {
  if (results.length === 0) return 'no retention rules declared';
  return results
    .map((r) => `${r.table} (${r.kind}, ${r.years} years): ${r.rows} rows dated before ${r.before} ${dryRun ? 'would be removed' : 'removed'}`)
    .join('\n');
}

export interface RetentionSchedule {
  /** Until the first run after the start (default 15 minutes: a start, or a test, is never slowed by it). */
  firstRunMs: number;
  /** Between runs (default a day). */
  everyMs: number;
}

export const DEFAULT_RETENTION_SCHEDULE: RetentionSchedule = { firstRunMs: 15 * 60_000, everyMs: 24 * 3600_000 };

/** The scheduled job: applies the subgraph's rules at start + firstRunMs and then every everyMs. */
export function retentionWorker(subgraph: string, rules: RetentionRule[], { database, log }: WorkerDeps, schedule = DEFAULT_RETENTION_SCHEDULE): Worker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let last: { at: string; removed: number; error?: string } | undefined;
  const run = async () => {
    try {
      const results = await applyRetention(database.db, rules, { log });
      const removed = results.reduce((n, r) => n + r.rows, 0);
      last = { at: new Date().toISOString(), removed };
      if (removed > 0) log(`${subgraph}: retention removed ${removed} rows\n${formatRetention(results, false)}`);
    } catch (error) {
      last = { at: new Date().toISOString(), removed: 0, error: (error as Error).message };
      log(`${subgraph}: retention failed, next run as scheduled: ${(error as Error).message}`);
    }
  };
  const schedule_ = (ms: number) => {
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        if (timer) schedule_(schedule.everyMs);
      });
    }, ms);
    timer.unref();
  };
  return {
    name: 'retention',
    async start() {
      schedule_(schedule.firstRunMs);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
    async status() {
      return { rules: rules.map((r) => `${tableName(r.table)} (${r.kind})`), lastRun: last ?? null };
    },
  };
}
