import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import * as httpTransport from '@graphql-mesh/transport-http';
import { IDENTITY_HEADER, SIGNATURE_HEADER } from '@psa/identity';

export interface HiveGatewayOptions {
  /** An Apollo Federation 2 supergraph SDL (e.g. gateway/supergraph.graphql). */
  supergraphSdl: string;
  /** Subgraph URL by join__graph name (`core`, `licensure`, ...); every graph in the SDL must have one. */
  subgraphUrls: Record<string, string>;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface RunningHiveGateway {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  close(): Promise<void>;
}

/** The client headers every subgraph request must carry: the subgraphs refuse requests without them. */
const FORWARDED_HEADERS = [IDENTITY_HEADER, SIGNATURE_HEADER] as const;

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
 * Hive Gateway (the embeddable @graphql-hive/gateway-runtime, the engine behind the `hive-gateway` CLI) over the
 * given supergraph, served on node:http at http://127.0.0.1:<port>/graphql. Default settings except the subgraph URLs
 * and the propagation of the two identity headers from the client to every subgraph request. Logging stays at its
 * default (`info`), which prints nothing per successful request; failed subgraph calls are logged at error level.
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
        const headers: Record<string, string> = {};
        for (const name of FORWARDED_HEADERS) {
          const value = request.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        return headers;
      },
    },
  });
  const server = createServer(gateway);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
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
