import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@psa/db';
import { checkRules, formatViolations, type DivisionChecks } from './checks';

/** One aggregate's source table in its owner and its copy in a division. Table names are schema-qualified. */
export interface CopyPair {
  aggregate: string;
  source: { db: Db; table: string };
  copy: { db: Db; table: string };
}

export interface Drift {
  aggregate: string;
  sourceRows: number;
  liveCopies: number;
  /** In the source, absent (or deleted) in the copy. */
  missing: string[];
  /** Copy older than the source. */
  stale: string[];
  /** Copy newer than the source: should never happen, the owner's versions only grow. */
  ahead: string[];
  /** Live copy of a row the source no longer has. */
  orphaned: string[];
}

const QUALIFIED = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/** Compares row counts and per-row versions of each pair; an empty drift list means the copies are current. */
export async function reconcile(pairs: CopyPair[]): Promise<Drift[]> {
  const report: Drift[] = [];
  for (const { aggregate, source, copy } of pairs) {
    for (const table of [source.table, copy.table]) if (!QUALIFIED.test(table)) throw new Error(`reconcile: "${table}" is not schema.table`);
    const sourceRows = rowsOf<{ id: string; version: number }>(await source.db.execute(sql.raw(`select id::text as id, version from ${source.table}`)));
    const copyRows = rowsOf<{ id: string; version: number; deleted: boolean }>(
      await copy.db.execute(sql.raw(`select id::text as id, version, deleted from ${copy.table}`)),
    );
    const copies = new Map(copyRows.map((r) => [r.id, r]));
    const sourceIds = new Set(sourceRows.map((r) => r.id));
    const drift: Drift = {
      aggregate,
      sourceRows: sourceRows.length,
      liveCopies: copyRows.filter((r) => !r.deleted).length,
      missing: [],
      stale: [],
      ahead: [],
      orphaned: [],
    };
    for (const row of sourceRows) {
      const copied = copies.get(row.id);
      if (!copied || copied.deleted) drift.missing.push(row.id);
      else if (copied.version < row.version) drift.stale.push(row.id);
      else if (copied.version > row.version) drift.ahead.push(row.id);
    }
    for (const row of copyRows) if (!row.deleted && !sourceIds.has(row.id)) drift.orphaned.push(row.id);
    report.push(drift);
  }
  return report;
}

export const hasDrift = (drift: Drift[]) => drift.some((d) => d.missing.length + d.stale.length + d.ahead.length + d.orphaned.length > 0);

export function formatDrift(drift: Drift[]): string {
  return drift
    .map((d) => {
      const parts = (['missing', 'stale', 'ahead', 'orphaned'] as const).map(
        (k) => `${k} ${d[k].length}${d[k].length ? ` (e.g. ${d[k].slice(0, 3).join(', ')})` : ''}`,
      );
      return `${d.aggregate}: source ${d.sourceRows} rows, ${d.liveCopies} live copies; ${parts.join(', ')}`;
    })
    .join('\n');
}

/**
 * Polls until there is no drift and, with `checks`, every derived rule holds; throws with what is still wrong
 * after `timeoutMs`.
 */
/**
 * Polls until the copies match their sources, the rules hold and, with `busy`, nothing is left in flight (an
 * outbox with rows to publish, a projector with events to apply: one subgraph's copy may set off another's
 * event, so all must hold at once). Throws with what is still wrong after `timeoutMs`.
 */
export async function waitForNoDrift(
  pairs: CopyPair[],
  timeoutMs = 30_000,
  checks: DivisionChecks[] = [],
  busy: () => Promise<string[]> = async () => [],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietBefore = false;
  for (;;) {
    const inFlight = await busy();
    const drift = await reconcile(pairs);
    // Rules are only judged on current copies: while copies lag, the rules may lag with them.
    const violations = hasDrift(drift) ? [] : await checkRules(checks);
    const quiet = inFlight.length === 0 && !hasDrift(drift) && violations.length === 0;
    // Twice in a row: `busy` asks each worker in turn, so an event one of them publishes just after its neighbour was
    // asked (a chain: healthcare -> licensure -> core) can pass one look unseen; a second look finds it.
    if (quiet && quietBefore) return;
    quietBefore = quiet;
    if (!quiet && Date.now() > deadline) {
      const wrong = hasDrift(drift) ? formatDrift(drift) : violations.length > 0 ? formatViolations(violations) : `still in flight: ${inFlight.join('; ')}`;
      throw new Error(`copies did not catch up in ${timeoutMs} ms:\n${wrong}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
