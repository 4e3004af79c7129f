import type { Db } from '@psa/db';
import type { CopyPair } from '@psa/events';
import type { Subgraph } from './subgraph';

/**
 * What `reconcile` compares for these subgraphs: each copy a subgraph keeps, beside its source. `dbOf` gives a
 * subgraph's database; copies whose source or owner has none here are left out.
 */
export function copyPairs(subgraphs: Subgraph<any>[], dbOf: (subgraph: string) => Db | undefined): CopyPair[] {
  return subgraphs.flatMap((subgraph) =>
    (subgraph.copies ?? []).flatMap((copy) => {
      const source = dbOf(copy.source.subgraph);
      const own = dbOf(subgraph.name);
      return source && own ? [{ aggregate: `${subgraph.name}.${copy.aggregate}`, source: { db: source, table: copy.source.table }, copy: { db: own, table: copy.copy } }] : [];
    }),
  );
}
