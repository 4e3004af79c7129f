import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { SUBGRAPHS } from './subgraphs';

export interface Composed {
  /** What the gateway runs: every subgraph's types with the federation directives that plan queries. */
  supergraphSdl: string;
  /** What clients see: no @inaccessible fields (Pet.viewerAccess) and no federation directives. */
  apiSchemaSdl: string;
}

/** Composes the supergraph from the subgraphs' own SDL; throws with every composition error. */
export function composeSupergraph(subgraphs = SUBGRAPHS): Composed {
  const result = composeServices(
    subgraphs.map(({ subgraph, port }) => ({ name: subgraph.name, url: `http://127.0.0.1:${port}/graphql`, typeDefs: subgraph.typeDefs })),
  );
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  // From the SDL text, as @apollo/gateway derives the schema it serves, so the file matches it type for type.
  const apiSchema = Supergraph.build(result.supergraphSdl).apiSchema().toGraphQLJSSchema();
  return { supergraphSdl: result.supergraphSdl, apiSchemaSdl: `${printSchema(apiSchema)}\n` };
}
