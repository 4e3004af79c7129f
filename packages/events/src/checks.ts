import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@psa/db';

/**
 * A rule a division derives from its copies (e.g. "a pet has an open lost report exactly while core says LOST").
 * Versions alone cannot show such a rule broken: copies can be current while a side effect was skipped. Each
 * check is a query on the division's own database that returns one row per violation, its id in column `id`.
 */
export interface RuleCheck {
  /** What must hold, said so that a violation list under it reads as the problem, e.g. "a LOST pet has exactly one open lost report". */
  name: string;
  /** SELECT ... AS id, on the division's database; no parameters. */
  sql: string;
}

export interface DivisionChecks {
  division: string;
  db: Db;
  checks: RuleCheck[];
}

export interface RuleViolation {
  division: string;
  rule: string;
  ids: string[];
}

/** Runs every check; one entry per broken rule (rules that hold are left out). */
export async function checkRules(divisions: DivisionChecks[]): Promise<RuleViolation[]> {
  const violations: RuleViolation[] = [];
  for (const { division, db, checks } of divisions) {
    for (const check of checks) {
      let rows: { id: unknown }[];
      try {
        rows = rowsOf<{ id: unknown }>(await db.execute(sql.raw(check.sql)));
      } catch (error) {
        throw new Error(`${division}: check "${check.name}" failed to run: ${(error as Error).message}`);
      }
      if (rows.length > 0 && !('id' in rows[0]!)) throw new Error(`${division}: check "${check.name}" must return a column named id`);
      if (rows.length > 0) violations.push({ division, rule: check.name, ids: rows.map((r) => String(r.id)) });
    }
  }
  return violations;
}

/** One line per broken rule: how many ids break it, and the first `shown` of them. */
export function formatViolations(violations: RuleViolation[], shown = 20): string {
  return violations
    .map((v) => {
      const more = v.ids.length > shown ? ` and ${v.ids.length - shown} more` : '';
      return `${v.division}: rule broken: ${v.rule}: ${v.ids.length} (${v.ids.slice(0, shown).join(', ')}${more})`;
    })
    .join('\n');
}
