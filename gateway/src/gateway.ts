import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { assertSecret, encodeIdentity } from '@psa/identity';
import { serveApollo, type RunningServer } from '@psa/http';
import { AuthenticationError, identityFromAuthorization } from './auth';
import { inputCheckPlugin } from '@psa/api-surface';
import { formatGatewayError, formatProductionError } from './errors';
import { ANONYMOUS_BUDGET, limitsPlugin, MAX_TOKENS, SIGNED_IN_BUDGET } from './limits';
import { DEFAULT_SUBGRAPH_CALLS, SubgraphDataSource, type GatewayContext, type SubgraphCallOptions } from './subgraph-calls';
import { subgraphReadiness } from './readiness';

import { DEVELOPMENT_CORS_ORIGINS } from './config';
import { ideAssets, ideLandingPage, type IdeOptions } from './ide';

export type { GatewayContext } from './subgraph-calls';

export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');
/** The supergraph's API schema (what clients see), for client code generation where introspection is off. */
export const API_SCHEMA_PATH = join(__dirname, '..', 'api-schema.graphql');

export interface GatewayOptions {
  jwtSecret: string;
  identitySecret: string;
  subgraphUrls?: Record<string, string>;
  supergraphSdl?: string;
  port?: number;
  host?: string;
  /** Turns introspection, the IDE, field suggestions and subgraph names in errors off, and CORS unless corsOrigins names origins. */
  production?: boolean;
  /** Checked in every bearer token when set. */
  jwtIssuer?: string;
  jwtAudience?: string;
  /** Time limits and circuit of every subgraph call (default DEFAULT_SUBGRAPH_CALLS)... */
  subgraphCalls?: Partial<SubgraphCallOptions>;
  /** ...and of one subgraph's, by name. */
  subgraphCallsOf?: Record<string, Partial<SubgraphCallOptions>>;
  /** Browser origins allowed to call the API. Default: local dev-server origins; none in production. */
  corsOrigins?: readonly string[];
  /** GraphiQL at GET /graphql from a browser, in development only. */
  ide?: IdeOptions;
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  assertSecret(options.identitySecret);
  if (options.jwtSecret.length < 32) throw new Error('jwtSecret must be at least 32 characters');
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8');
  const urls = options.subgraphUrls ?? {};
  const callsOf = (name: string) => ({ ...DEFAULT_SUBGRAPH_CALLS, ...options.subgraphCalls, ...options.subgraphCallsOf?.[name] });
  const sources: SubgraphDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new SubgraphDataSource(name, urls[name] ?? url ?? '', options.identitySecret, callsOf(name));
      sources.push(source);
      return source;
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: options.production ? formatProductionError : formatGatewayError,
    // "Did you mean ...?" tells a stranger the schema that introspection no longer shows.
    hideSchemaDetailsFromClientErrors: options.production ?? false,
    // Our process owns SIGINT/SIGTERM and stops everything in order; Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    introspection: !options.production,
    // Bad input is refused before the query planner runs, with the field named.
    plugins: [
      limitsPlugin<GatewayContext>(({ identity }) => (identity.subject ? SIGNED_IN_BUDGET : ANONYMOUS_BUDGET)),
      inputCheckPlugin(),
      options.production ? ApolloServerPluginLandingPageDisabled() : ideLandingPage(options.ide),
    ],
    parseOptions: { maxTokens: MAX_TOKENS },
  });
  const tokenRules = { key: new TextEncoder().encode(options.jwtSecret), issuer: options.jwtIssuer, audience: options.jwtAudience };
  return serveApollo({
    apollo,
    port: options.port ?? 0,
    host: options.host,
    notReady: subgraphReadiness(() => sources),
    cors: { origins: options.corsOrigins ?? (options.production ? [] : DEVELOPMENT_CORS_ORIGINS) },
    assets: options.production ? undefined : ideAssets(),
    context: async (request) => {
      try {
        const identity = await identityFromAuthorization(request.headers.authorization, tokenRules);
        return { identity, encodedIdentity: encodeIdentity(identity) };
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
  });
}
