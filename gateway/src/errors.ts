import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { CLIENT_ERROR_CODES } from '@psa/api-surface';

/**
 * Refusals of a request that Apollo Server words but leaves without a code (so they default to
 * INTERNAL_SERVER_ERROR), by Apollo's message. They are the client's mistake and answered with HTTP 400.
 */
const UNCODED_REQUEST_ERRORS = new Map<string, { code: string; message: string }>([
  [
    'provided sha does not match query',
    {
      code: 'PERSISTED_QUERY_HASH_MISMATCH',
      message: 'extensions.persistedQuery.sha256Hash does not match the query: it must be the hex SHA-256 of the query text exactly as sent',
    },
  ],
  [
    'Unsupported persisted query version',
    {
      code: 'BAD_REQUEST',
      message: 'extensions.persistedQuery.version must be 1',
    },
  ],
]);

function requestRefusal(error: unknown): { code: string; message: string } | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const http = error.extensions.http as { status?: number } | undefined;
  return http?.status === 400 ? UNCODED_REQUEST_ERRORS.get(error.message) : undefined;
}

/**
 * Coded errors reach the client as the subgraph worded them; anything else (a subgraph that is down, a fetch
 * that failed) is logged here and answered without internal addresses or details.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
  const refusal = requestRefusal(error);
  if (refusal) return { message: refusal.message, extensions: { code: refusal.code } };
  console.error('gateway: masked error', formatted.path?.join('.') ?? '', formatted.message);
  return { message: 'internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** In production, errors also keep quiet about which subgraph answered (the gateway adds `serviceName`). */
export function formatProductionError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const masked = formatGatewayError(formatted, error);
  if (!masked.extensions || !('serviceName' in masked.extensions)) return masked;
  const { serviceName: _hidden, ...extensions } = masked.extensions;
  return { ...masked, extensions };
}
