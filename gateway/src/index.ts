export { startGateway, SUPERGRAPH_PATH, API_SCHEMA_PATH, type GatewayOptions, type GatewayContext } from './gateway';
export { SUBGRAPH_UNAVAILABLE, DEFAULT_SUBGRAPH_CALLS, type SubgraphCallOptions } from './subgraph-calls';
export { readGatewayEnv, readCorsOrigins, DEVELOPMENT_CORS_ORIGINS, type GatewayEnv } from './config';
export type { IdeOptions } from './ide';
export { identityFromAuthorization, signBearerToken, AuthenticationError, ANONYMOUS } from './auth';
export { ANONYMOUS_BUDGET, SIGNED_IN_BUDGET, MAX_TOKENS, exceededLimit, type Budget } from './limits';
export {
  API_KEY_HEADER,
  KEY_CACHE_MS,
  LAST_USED_EVERY_MS,
  RATE_WINDOW_MS,
  APQ_TTL_SECONDS,
  OPERATION_NOT_TRUSTED,
  RATE_LIMITED,
  DEFAULT_REDIS_KEY_PREFIX,
  sha256Hex,
  type ApiClientScope,
  type RedisSettings,
} from './b2b';
