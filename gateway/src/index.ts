export { startGateway, SUPERGRAPH_PATH, type GatewayOptions, type GatewayContext } from './gateway';
export { SUBGRAPH_UNAVAILABLE, DEFAULT_SUBGRAPH_CALLS, type SubgraphCallOptions } from './subgraph-calls';
export { readGatewayEnv, type GatewayEnv } from './config';
export { identityFromAuthorization, signBearerToken, AuthenticationError, ANONYMOUS } from './auth';
export { ANONYMOUS_BUDGET, SIGNED_IN_BUDGET, MAX_TOKENS, exceededLimit, type Budget } from './limits';
