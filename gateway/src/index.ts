export { startGateway, SUPERGRAPH_PATH, API_SCHEMA_PATH, type GatewayOptions, type GatewayContext } from './gateway';
export { readGatewayEnv, readCorsOrigins, DEVELOPMENT_CORS_ORIGINS, type GatewayEnv } from './config';
export type { IdeOptions } from './ide';
export { identityFromAuthorization, signBearerToken, AuthenticationError, ANONYMOUS } from './auth';
