import { composeServices } from '@apollo/composition';
import { SUBGRAPHS } from './subgraphs';

/** Composes the supergraph from the subgraphs' own SDL; throws with every composition error. */
export function composeSupergraph(subgraphs = SUBGRAPHS): string {
  const result = composeServices(
    subgraphs.map(({ subgraph, port }) => ({ name: subgraph.name, url: `http://127.0.0.1:${port}/graphql`, typeDefs: subgraph.typeDefs })),
  );
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
