export { startGateway, SUPERGRAPH_PATH, type GatewayOptions, type GatewayContext } from './gateway';
export { readGatewayEnv, type GatewayEnv } from './config';
export { identityFromAuthorization, signBearerToken, AuthenticationError, ANONYMOUS } from './auth';
