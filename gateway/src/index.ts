export { startGateway, SUPERGRAPH_PATH, API_SCHEMA_PATH, type GatewayOptions, type GatewayContext } from './gateway';
export { SUBGRAPH_UNAVAILABLE, DEFAULT_SUBGRAPH_CALLS, type SubgraphCallOptions } from './subgraph-calls';
export { readGatewayEnv, readCorsOrigins, DEVELOPMENT_CORS_ORIGINS, type GatewayEnv } from './config';
export type { IdeOptions } from './ide';
export { identityFromAuthorization, signBearerToken, AuthenticationError, ANONYMOUS } from './auth';
export { ANONYMOUS_BUDGET, SIGNED_IN_BUDGET, MAX_TOKENS, exceededLimit, type Budget } from './limits';
