import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import type { Database } from '@psa/db';
import { assertSecret, encodeIdentity } from '@psa/identity';
import { serveApollo, type RunningServer } from '@psa/http';
import { AuthenticationError, identityFromAuthorization } from './auth';
import { inputCheckPlugin } from '@psa/api-surface';
import { formatGatewayError, formatProductionError } from './errors';
import { ANONYMOUS_BUDGET, limitsPlugin, MAX_TOKENS, SIGNED_IN_BUDGET } from './limits';
import { DEFAULT_SUBGRAPH_CALLS, SubgraphDataSource, type GatewayContext, type SubgraphCallOptions, type SubgraphCallOutcome } from './subgraph-calls';
import { SharedReads } from './shared-reads';
import { subgraphReadiness } from './readiness';

import { DEVELOPMENT_CORS_ORIGINS } from './config';
import { ideAssets, ideLandingPage, type IdeOptions } from './ide';
import { API_KEY_HEADER, sentOperationHash, startB2bFront, type RedisSettings } from './b2b';

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
  /**
   * The gateway's own database (API clients, keys, registered operations), migrated on start. Without it every
   * request with an API key is refused. The caller opens and closes it.
   */
  database?: Database;
  /** Shared by replicas: API-key rate counts and automatic persisted queries. Without it, each process has its own. */
  redis?: RedisSettings;
  /** How long an API key's look-up is reused, so how long a revocation takes to bite (default 5 s). */
  apiKeyCacheMs?: number;
  /** Start-up notes and outages of Redis or the database (default console.log). */
  log?: (line: string) => void;
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  assertSecret(options.identitySecret);
  if (options.jwtSecret.length < 32) throw new Error('jwtSecret must be at least 32 characters');
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8');
  const urls = options.subgraphUrls ?? {};
  const callsOf = (name: string) => ({ ...DEFAULT_SUBGRAPH_CALLS, ...options.subgraphCalls, ...options.subgraphCallsOf?.[name] });
  const sources: SubgraphDataSource[] = [];
  const sharedReads = new SharedReads<SubgraphCallOutcome>();
  const b2b = await startB2bFront<GatewayContext>({
    database: options.database,
    redis: options.redis,
    apiKeyCacheMs: options.apiKeyCacheMs,
    log: options.log ?? console.log,
  });
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new SubgraphDataSource(name, urls[name] ?? url ?? '', options.identitySecret, callsOf(name), sharedReads);
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
    // Hashes sent without their text: registered operations from the database, front-end apps' from Redis.
    persistedQueries: b2b.persistedQueries,
    // The text Apollo resolved for an API key's request must be registered for its client (the door checked what
    // it sent); bad input is refused before the query planner runs, with the field named.
    plugins: [
      b2b.plugin,
      limitsPlugin<GatewayContext>(({ identity }) => (identity.subject ? SIGNED_IN_BUDGET : ANONYMOUS_BUDGET)),
      inputCheckPlugin(),
      options.production ? ApolloServerPluginLandingPageDisabled() : ideLandingPage(options.ide),
    ],
    parseOptions: { maxTokens: MAX_TOKENS },
  });
  const tokenRules = { key: new TextEncoder().encode(options.jwtSecret), issuer: options.jwtIssuer, audience: options.jwtAudience };
  const server = await serveApollo<GatewayContext>({
    apollo,
    port: options.port ?? 0,
    host: options.host,
    notReady: subgraphReadiness(() => sources),
    cors: { origins: options.corsOrigins ?? (options.production ? [] : DEVELOPMENT_CORS_ORIGINS) },
    assets: options.production ? undefined : ideAssets(),
    context: async (request, body): Promise<GatewayContext> => {
      const apiKey = request.headers[API_KEY_HEADER];
      if (typeof apiKey === 'string') {
        // One caller, one credential: which of two identities a request acts as must never be a guess.
        if (request.headers.authorization) {
          throw new GraphQLError(`send an API key (${API_KEY_HEADER}) or a bearer token (Authorization), not both`, {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
        const { identity, apiClient } = await b2b.authenticate(apiKey, sentOperationHash(request.method, request.url, body));
        return { identity, encodedIdentity: encodeIdentity(identity), apiClient, requestId: randomUUID() };
      }
      try {
        const identity = await identityFromAuthorization(request.headers.authorization, tokenRules);
        return { identity, encodedIdentity: encodeIdentity(identity), requestId: randomUUID() };
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
  }).catch(async (error: unknown) => {
    // A gateway that cannot serve must not leave its Redis connection reconnecting behind it.
    await b2b.close();
    throw error;
  });
  return {
    ...server,
    async close() {
      await server.close();
      await Promise.all(sources.map((source) => source.close()));
      await b2b.close();
    },
  };
}
