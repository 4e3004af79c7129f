/**
 * Applies a subgraph's retention rules now (each subgraph also runs them daily): removes the rows past their
 * period, or with --dry-run prints what it would remove and removes nothing. --as-of counts the periods back from
 * another day, to see (or, in a test or demo, apply) what will go then.
 * Exit code 0: done; 2: cannot run (usage, database).
 *
 *   DATABASE_URL=postgres://.../licensure pnpm retention licensure --dry-run [--as-of 2035-01-01]
 */
import { openPostgres } from '@psa/db';
import { applyRetention, formatRetention } from '@psa/subgraph-kit';
import { SUBGRAPHS } from './lib/subgraphs';

function usage(problem: string): number {
  console.error(
    `${problem}\nusage: DATABASE_URL=postgres://... pnpm retention <${SUBGRAPHS.map((s) => s.subgraph.name).join('|')}> [--dry-run] [--as-of YYYY-MM-DD]`,
  );
  return 2;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const asOfAt = args.indexOf('--as-of');
  const asOfText = asOfAt >= 0 ? args[asOfAt + 1] : undefined;
  const positional = args.filter((a, i) => !a.startsWith('--') && !(asOfAt >= 0 && i === asOfAt + 1));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run' && a !== '--as-of');
  if (unknown.length > 0) return usage(`unknown option ${unknown.join(', ')}`);
  const subgraph = SUBGRAPHS.find((s) => s.subgraph.name === positional[0])?.subgraph;
  if (!subgraph || positional.length !== 1) return usage(positional[0] ? `"${positional[0]}" is not a subgraph` : 'name the subgraph');
  let asOf = new Date();
  if (asOfAt >= 0) {
    asOf = new Date(`${asOfText}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOfText ?? '') || Number.isNaN(asOf.getTime()) || asOf.toISOString().slice(0, 10) !== asOfText) {
      return usage(`--as-of must be a day such as 2035-01-01, got ${JSON.stringify(asOfText ?? null)}`);
    }
  }
  const url = process.env.DATABASE_URL;
  if (!url) return usage(`set DATABASE_URL to ${subgraph.name}'s database (a postgres:// URL)`);
  const database = openPostgres(url, { maxConnections: 1 });
  try {
    const rules = subgraph.retention ?? [];
    console.log(`${subgraph.name}: retention as of ${asOf.toISOString().slice(0, 10)}${dryRun ? ' (dry run: nothing is removed)' : ''}`);
    const results = await applyRetention(database.db, rules, { dryRun, asOf, log: (line) => console.log(line) });
    console.log(formatRetention(results, dryRun));
    const total = results.reduce((n, r) => n + r.rows, 0);
    console.log(`${subgraph.name}: ${total} rows ${dryRun ? 'would be removed' : 'removed'}`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`retention failed: ${error.message}`);
    process.exit(2);
  },
);
