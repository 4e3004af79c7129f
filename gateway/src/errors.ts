import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_ERROR_CODES } from '@psa/api-surface';

/**
 * Coded errors reach the client as the subgraph worded them; anything else (a subgraph that is down, a fetch
 * that failed) is logged here and answered without internal addresses or details.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
  console.error('gateway: masked error', formatted.path?.join('.') ?? '', formatted.message);
  return { message: 'internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** In production, errors also keep quiet about which subgraph answered (the gateway adds `serviceName`). */
export function formatProductionError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const masked = formatGatewayError(formatted);
  if (!masked.extensions || !('serviceName' in masked.extensions)) return masked;
  const { serviceName: _hidden, ...extensions } = masked.extensions;
  return { ...masked, extensions };
}
