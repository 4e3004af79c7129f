import type { Db } from '@psa/db';
import type { CopyPair, DivisionChecks } from '@psa/events';
import type { AnySubgraph } from './subgraph';

/**
 * What `reconcile` compares for these subgraphs: each copy a subgraph keeps, beside its source. `dbOf` gives a
 * subgraph's database; copies whose source or owner has none here are left out.
 */
export function copyPairs(subgraphs: AnySubgraph[], dbOf: (subgraph: string) => Db | undefined): CopyPair[] {
  return subgraphs.flatMap((subgraph) =>
    (subgraph.copies ?? []).flatMap((copy) => {
      const source = dbOf(copy.source.subgraph);
      const own = dbOf(subgraph.name);
      return source && own
        ? [{ aggregate: `${subgraph.name}.${copy.aggregate}`, source: { db: source, table: copy.source.table }, copy: { db: own, table: copy.copy } }]
        : [];
    }),
  );
}

/** The derived-rule checks these subgraphs declare, each on its own database; subgraphs without one here are left out. */
export function divisionChecks(subgraphs: AnySubgraph[], dbOf: (subgraph: string) => Db | undefined): DivisionChecks[] {
  return subgraphs.flatMap((subgraph) => {
    const db = dbOf(subgraph.name);
    return db && subgraph.checks?.length ? [{ division: subgraph.name, db, checks: subgraph.checks }] : [];
  });
}
