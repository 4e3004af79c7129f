import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { SUPERGRAPH_PATH } from '@psa/gateway';
import { IDENTITY_HEADER, SIGNATURE_HEADER } from '@psa/identity';

interface Ctx {
  headers: Record<string, string>;
}

/** The only change from defaults: pass the client's signed identity on, or the subgraphs refuse every request. */
class ForwardIdentity extends RemoteGraphQLDataSource<Ctx> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Ctx>) {
    const headers = (context as Partial<Ctx>).headers ?? {};
    for (const name of [IDENTITY_HEADER, SIGNATURE_HEADER]) if (headers[name]) request.http?.headers.set(name, headers[name]);
  }
}

/** A stock @apollo/gateway with default settings, in the stock standalone server. */
export async function startStockApolloGateway(subgraphUrls: Record<string, string>) {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => new ForwardIdentity({ url: subgraphUrls[name] ?? url }),
  });
  const server = new ApolloServer<Ctx>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ headers: req.headers as Record<string, string> }),
  });
  return { url, close: () => server.stop() };
}
