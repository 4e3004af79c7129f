import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { migrateSchema, type Database } from '@psa/db';
import { assertSecret, IdentityError, verifyIdentity } from '@psa/identity';
import { serveApollo, type RunningServer } from '@psa/http';
import { inputCheckPlugin } from '@psa/api-surface';
import { formatError } from './errors';
import { accessGrants } from './access-grants';
import type { Subgraph, SubgraphContext } from './subgraph';
import { Viewer } from './viewer';
import { REQUEST_ID_HEADER } from './audit';

export interface ServeSubgraphOptions {
  database: Database;
  /** Shared with the gateway; requests without its valid signature are refused. */
  identitySecret: string;
  port?: number;
  host?: string;
  /** Apply the subgraph's migrations before serving (default true). */
  migrate?: boolean;
  /** GET /status: the subgraph's workers, once started (see statusOf). */
  status?: () => Promise<Record<string, unknown>>;
  /** GET /ready asks these too (besides the database): the workers' reasons to keep the subgraph out of service. */
  workersNotReady?: () => string[];
}

/** The subgraph's Apollo Server, as served and as the in-process tests execute it (without HTTP). */
export function subgraphApollo<TLoaders>(subgraph: Subgraph<TLoaders>): ApolloServer<SubgraphContext<TLoaders>> {
  return new ApolloServer<SubgraphContext<TLoaders>>({
    schema: subgraph.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The process owns SIGINT/SIGTERM and stops workers, server and database in order.
    stopOnTerminationSignals: false,
    // No per-request tracing: it costs on every resolver and nothing here reads it.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), inputCheckPlugin()],
  });
}

export async function serveSubgraph<TLoaders>(
  subgraph: Subgraph<TLoaders>,
  { database, identitySecret, port = 0, host, migrate = true, status, workersNotReady }: ServeSubgraphOptions,
): Promise<RunningServer> {
  assertSecret(identitySecret);
  if (migrate) await migrateSchema(database, { schema: subgraph.name, migrationsFolder: subgraph.migrationsFolder });

  const apollo = subgraphApollo(subgraph);

  return serveApollo({
    apollo,
    port,
    host,
    status,
    notReady: async () => {
      const reasons = workersNotReady?.() ?? [];
      try {
        await database.ping();
      } catch (error) {
        reasons.unshift(`database: ${(error as Error).message}`);
      }
      return reasons;
    },
    // A GET carries its operation outside the body, which the identity signature covers: POST only.
    graphqlMethods: ['POST'],
    // Every GraphQL request, _service and _entities included, must carry the gateway's identity, signed for this
    // subgraph and this body.
    context: async (request, body) => {
      let viewer: Viewer;
      try {
        const header = (name: string) => {
          const value = request.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        viewer = new Viewer(verifyIdentity(header, identitySecret, { audience: subgraph.name, body }));
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        throw new GraphQLError(`request refused: ${error.message}`, {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      }
      const requestId = request.headers[REQUEST_ID_HEADER];
      return {
        db: database.db,
        viewer,
        loaders: subgraph.createLoaders(database.db, viewer),
        grants: accessGrants(identitySecret, viewer),
        // An id, not a claim: it only ties a request's audit rows together, so anything beyond its shape is dropped.
        requestId: typeof requestId === 'string' && /^[\w-]{1,64}$/.test(requestId) ? requestId : null,
      };
    },
  });
}
