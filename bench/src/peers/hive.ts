import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import * as httpTransport from '@graphql-mesh/transport-http';
import { IDENTITY_HEADER, signedIdentityHeaders, subgraphByUrl } from './signing';

export interface HiveGatewayOptions {
  /** An Apollo Federation 2 supergraph SDL (e.g. gateway/supergraph.graphql). */
  supergraphSdl: string;
  /** Subgraph URL by join__graph name (`core`, `licensure`, ...); every graph in the SDL must have one. */
  subgraphUrls: Record<string, string>;
  identitySecret: string;
  /** 0 picks a free port. */
  port: number;
}

export interface RunningHiveGateway {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  close(): Promise<void>;
}

const JOIN_GRAPH = /@join__graph\(\s*name:\s*"([^"]+)"\s*,\s*url:\s*"[^"]*"\s*\)/g;

/** Points every `@join__graph(name: ..., url: ...)` of the supergraph at `subgraphUrls[name]`. */
export function rewriteSubgraphUrls(supergraphSdl: string, subgraphUrls: Record<string, string>): string {
  const missing: string[] = [];
  let graphs = 0;
  const rewritten = supergraphSdl.replace(JOIN_GRAPH, (_match, name: string) => {
    graphs += 1;
    const url = subgraphUrls[name];
    if (!url) {
      missing.push(name);
      return _match;
    }
    return `@join__graph(name: ${JSON.stringify(name)}, url: ${JSON.stringify(url)})`;
  });
  if (graphs === 0) throw new Error('supergraph SDL has no @join__graph(name:, url:) directive');
  if (missing.length > 0) throw new Error(`no URL given for subgraph(s) ${missing.join(', ')} of the supergraph`);
  return rewritten;
}

/**
 * Signs the client's identity for each subgraph call, over the body Hive is about to send. onFetch is the first
 * place that body exists as bytes, as the fetcher is for Apollo's gateways. The identity itself still travels
 * by Hive's own header propagation (below): Hive shares one in-flight subgraph answer among identical
 * requests, keyed by URL, body and the propagated headers, so an identity added only here would let one owner's
 * `me` answer reach every owner asking at the same moment (the benchmark's isolation check caught exactly that).
 */
function signEachSubgraphCall(subgraphUrls: Record<string, string>, secret: string): GatewayPlugin {
  const subgraphOf = subgraphByUrl(subgraphUrls);
  return {
    onFetch({ url, options, setOptions, context }) {
      const identity = 'request' in context ? context.request.headers.get(IDENTITY_HEADER) : null;
      if (!identity) return;
      if (typeof options.body !== 'string') throw new Error(`Hive sent a ${typeof options.body} body to ${url}; only a string body can be signed`);
      const headers = new Headers(options.headers as HeadersInit | undefined);
      for (const [name, value] of Object.entries(signedIdentityHeaders(identity, secret, subgraphOf(url), options.body))) headers.set(name, value);
      setOptions({ ...options, headers: Object.fromEntries(headers) });
    },
  };
}

/**
 * Hive Gateway (the embeddable @graphql-hive/gateway-runtime, the engine behind the `hive-gateway` CLI) over the
 * given supergraph, served on node:http at http://127.0.0.1:<port>/graphql. Default settings except the subgraph
 * URLs, the caller's identity header passed on to the subgraphs, and the plugin that signs it per call. Logging stays at its default (`info`), which prints nothing
 * per successful request; failed subgraph calls are logged at error level.
 */
export async function startHiveGateway(options: HiveGatewayOptions): Promise<RunningHiveGateway> {
  const supergraph = rewriteSubgraphUrls(options.supergraphSdl, options.subgraphUrls);
  const gateway = createGatewayRuntime({
    supergraph,
    // The transport the `hive-gateway` CLI ships with, handed over as a module: the runtime would otherwise
    // require('@graphql-mesh/transport-http') from its own folder, where pnpm's strict layout does not let it see it.
    transports: { http: httpTransport },
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => {
        const identity = request.headers.get(IDENTITY_HEADER);
        return identity ? { [IDENTITY_HEADER]: identity } : {};
      },
    },
    plugins: () => [signEachSubgraphCall(options.subgraphUrls, options.identitySecret)],
  });
  const server = createServer(gateway);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await gateway.dispose();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // Idle keep-alive connections (a load generator leaves many) would otherwise hold close() open.
      server.closeAllConnections();
      await closed;
      await gateway.dispose();
    },
  };
}
