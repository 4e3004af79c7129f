import type { DocumentNode, GraphQLSchema } from 'graphql';
import { checkOperationInput } from './input-check';

/**
 * An Apollo Server plugin that runs the input check once the operation is parsed and validated: in the
 * gateway before the query planner, in a subgraph before execution. Typed structurally so this package does
 * not depend on @apollo/server.
 */
export function inputCheckPlugin() {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(request: { schema: GraphQLSchema; document: DocumentNode; request: { variables?: Record<string, unknown> } }) {
          checkOperationInput(request.schema, request.document, request.request.variables);
        },
      };
    },
  };
}
