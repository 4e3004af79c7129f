/**
 * Compares core with a division's copies (row counts and per-row versions), runs the rules the division derives
 * from them (its `checks`), and prints the drift and every broken rule with the ids that break it.
 * Exit code 0: no drift and every rule holds; 1: drift or a broken rule; 2: cannot run.
 *
 *   CORE_DATABASE_URL=postgres://.../core DATABASE_URL=postgres://.../licensure pnpm reconcile licensure
 *
 * In a shared database (the embedded layout) both URLs are the same.
 */
import { openPostgres } from '@psa/db';
import { checkRules, formatDrift, formatViolations, hasDrift, reconcile } from '@psa/events';
import { copyPairs, divisionChecks } from '@psa/subgraph-kit';
import { SUBGRAPHS } from './lib/subgraphs';

async function main(): Promise<number> {
  const division = process.argv[2];
  const subgraph = SUBGRAPHS.find((s) => s.subgraph.name === division)?.subgraph;
  const withCopies = SUBGRAPHS.filter((s) => s.subgraph.copies?.length).map((s) => s.subgraph.name);
  if (!subgraph || !subgraph.copies?.length) {
    console.error(`usage: pnpm reconcile <division>; divisions with copies: ${withCopies.join(', ')}`);
    return 2;
  }
  const urls: Record<string, string | undefined> = { core: process.env.CORE_DATABASE_URL, [subgraph.name]: process.env.DATABASE_URL };
  const missing = Object.entries({ CORE_DATABASE_URL: urls.core, DATABASE_URL: urls[subgraph.name] })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length) {
    console.error(`set ${missing.join(' and ')} (postgres:// URLs of core's and ${subgraph.name}'s databases)`);
    return 2;
  }
  const databases = new Map<string, ReturnType<typeof openPostgres>>();
  const open = (name: string) => {
    const url = urls[name];
    if (!url) throw new Error(`no database URL for ${name}`);
    if (!databases.has(name)) databases.set(name, openPostgres(url, { maxConnections: 2 }));
    return databases.get(name)!.db;
  };
  try {
    const drift = await reconcile(copyPairs([subgraph], open));
    console.log(formatDrift(drift));
    const checks = divisionChecks([subgraph], open);
    const violations = await checkRules(checks);
    const rules = checks.reduce((n, c) => n + c.checks.length, 0);
    if (violations.length > 0) console.log(formatViolations(violations, 50));
    console.log(
      [
        hasDrift(drift) ? `${subgraph.name}: DRIFT` : `${subgraph.name}: no drift`,
        violations.length > 0 ? `${violations.length} of ${rules} rules BROKEN` : `${rules} rules hold`,
      ].join('; '),
    );
    return hasDrift(drift) || violations.length > 0 ? 1 : 0;
  } finally {
    for (const database of databases.values()) await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
