import type { GraphQLFormattedError } from 'graphql';

/** Codes subgraphs and the gateway give on purpose; everything else is masked. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'CONFLICT',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Coded errors reach the client as the subgraph worded them; anything else (a subgraph that is down, a fetch
 * that failed) is logged here and answered without internal addresses or details.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
  console.error('gateway: masked error', formatted.path?.join('.') ?? '', formatted.message);
  return { message: 'internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
