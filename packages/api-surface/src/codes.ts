/**
 * The error codes clients may rely on. Subgraphs and the gateway give them on purpose; any other code that
 * reaches the gateway's formatter is a bug of ours and is masked as INTERNAL_SERVER_ERROR.
 */
export const DOMAIN_ERROR_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'CONFLICT'] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

const DOMAIN_CODES: ReadonlySet<string> = new Set(DOMAIN_ERROR_CODES);
export const isDomainErrorCode = (code: unknown): code is DomainErrorCode => typeof code === 'string' && DOMAIN_CODES.has(code);

/** Codes Apollo Server itself gives for malformed requests, passed through untouched. */
export const PROTOCOL_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  // The gateway's own refusals: an operation over the caller's budget (depth, aliases, cost, ...).
  'OPERATION_LIMIT_EXCEEDED',
  // A subgraph did not answer in time (or its circuit is open): its fields are null, the rest is answered.
  'SUBGRAPH_UNAVAILABLE',
  // A request with an API key sent an operation not registered for its client (HTTP 403).
  'OPERATION_NOT_TRUSTED',
  // An API key sent more requests in a minute than its client's rate allows (HTTP 429 with retry-after).
  'RATE_LIMITED',
] as const;

export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<string>([...DOMAIN_ERROR_CODES, ...PROTOCOL_ERROR_CODES]);
