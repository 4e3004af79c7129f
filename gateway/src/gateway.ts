import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import fetch from 'node-fetch';
import { assertSecret, signIdentity, type Identity } from '@psa/identity';
import { serveApollo, type RunningServer } from '@psa/http';
import { AuthenticationError, identityFromAuthorization } from './auth';
import { DEVELOPMENT_CORS_ORIGINS } from './config';
import { formatGatewayError } from './errors';
import { ideAssets, ideLandingPage, type IdeOptions } from './ide';

export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');
/** The supergraph's API schema (what clients see), for client code generation where introspection is off. */
export const API_SCHEMA_PATH = join(__dirname, '..', 'api-schema.graphql');

export interface GatewayContext {
  identity: Identity;
  /** Signed once per request, reused for every subgraph fetch of its query plan. */
  identityHeaders: Record<string, string>;
}

export interface GatewayOptions {
  jwtSecret: string;
  identitySecret: string;
  subgraphUrls?: Record<string, string>;
  supergraphSdl?: string;
  port?: number;
  host?: string;
  /** Turns introspection and the IDE off, and CORS off unless corsOrigins names origins. */
  production?: boolean;
  /** Browser origins allowed to call the API. Default: local dev-server origins; none in production. */
  corsOrigins?: readonly string[];
  /** GraphiQL at GET /graphql from a browser, in development only. */
  ide?: IdeOptions;
}

/**
 * Subgraph calls reuse a bounded pool of keep-alive sockets. The stock fetcher (make-fetch-happen) opens an
 * unbounded number and runs HTTP-cache logic on every call; the benchmark shows what this saves.
 */
const SUBGRAPH_SOCKETS = 64;
const agent = new Agent({ keepAlive: true, maxSockets: SUBGRAPH_SOCKETS, keepAliveMsecs: 30_000 });
const subgraphFetch = ((url: string, init: Parameters<typeof fetch>[1]) => fetch(url, { ...init, agent })) as unknown as RemoteGraphQLDataSource['fetcher'];

/** Forwards the caller's identity to subgraphs in the signed header, and nothing else of the client's request. */
class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // Requests the gateway makes on its own (health checks) carry no client context and so no identity.
    const headers = (context as Partial<GatewayContext>).identityHeaders;
    if (!headers) return;
    for (const [name, value] of Object.entries(headers)) request.http?.headers.set(name, value);
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  assertSecret(options.identitySecret);
  if (options.jwtSecret.length < 32) throw new Error('jwtSecret must be at least 32 characters');
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8');
  const urls = options.subgraphUrls ?? {};
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SignedIdentityDataSource({ url: urls[name] ?? url, fetcher: subgraphFetch }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: formatGatewayError,
    // Our process owns SIGINT/SIGTERM and stops everything in order; Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    introspection: !options.production,
    plugins: [options.production ? ApolloServerPluginLandingPageDisabled() : ideLandingPage(options.ide)],
  });
  const jwtKey = new TextEncoder().encode(options.jwtSecret);
  return serveApollo({
    apollo,
    port: options.port ?? 0,
    host: options.host,
    cors: { origins: options.corsOrigins ?? (options.production ? [] : DEVELOPMENT_CORS_ORIGINS) },
    assets: options.production ? undefined : ideAssets(),
    context: async (request) => {
      try {
        const identity = await identityFromAuthorization(request.headers.authorization, jwtKey);
        return { identity, identityHeaders: signIdentity(identity, options.identitySecret) };
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
  });
}
