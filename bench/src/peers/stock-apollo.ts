import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { IDENTITY_HEADER, signedIdentityHeaders } from './signing';

interface Ctx {
  identity?: string;
}

/**
 * The stock data source with the stock fetcher (make-fetch-happen, as RemoteGraphQLDataSource builds it), wrapped
 * so each call carries the caller's identity signed for this subgraph and this body: without it the subgraphs
 * refuse every call. Nothing else differs from defaults.
 */
class SignedIdentityDataSource extends RemoteGraphQLDataSource<Ctx> {
  constructor(subgraph: string, url: string, secret: string) {
    super({ url });
    const stockFetcher = this.fetcher;
    this.fetcher = (input, init) => {
      const headers = init?.headers ?? {};
      const body = typeof init?.body === 'string' ? init.body : '';
      return stockFetcher(input, { ...init, headers: { ...headers, ...signedIdentityHeaders(headers[IDENTITY_HEADER], secret, subgraph, body) } });
    };
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Ctx>) {
    const identity = (context as Ctx).identity;
    if (identity) request.http?.headers.set(IDENTITY_HEADER, identity);
  }
}

export interface StockApolloOptions {
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  identitySecret: string;
  port: number;
}

/** A stock @apollo/gateway with default settings, in the stock standalone server. */
export async function startStockApolloGateway({ supergraphSdl, subgraphUrls, identitySecret, port }: StockApolloOptions) {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SignedIdentityDataSource(name, subgraphUrls[name] ?? url ?? '', identitySecret),
  });
  const server = new ApolloServer<Ctx>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => {
      const identity = req.headers[IDENTITY_HEADER];
      return { identity: Array.isArray(identity) ? identity[0] : identity };
    },
  });
  return { url, close: () => server.stop() };
}
