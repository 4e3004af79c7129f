import { readFileSync } from 'node:fs';

/**
 * What a peer gateway's entry file needs, from the environment the benchmark gives it (the variables ours reads,
 * plus the supergraph's path: the peers do not import our gateway package, so their bundles hold only their own code).
 */
export interface PeerEnv {
  port: number;
  identitySecret: string;
  /** The supergraph SDL, read from SUPERGRAPH_PATH (the benchmark passes gateway/supergraph.graphql). */
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
}

export function readPeerEnv(peer: string, env: NodeJS.ProcessEnv = process.env): PeerEnv {
  const problems: string[] = [];
  const port = Number(env.PORT);
  if (!env.PORT || !Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
  const identitySecret = env.IDENTITY_SIGNING_SECRET ?? '';
  if (identitySecret.length < 32) problems.push("IDENTITY_SIGNING_SECRET must be at least 32 characters (the subgraphs' secret)");
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match && value) subgraphUrls[match[1]!.toLowerCase()] = value;
  }
  if (Object.keys(subgraphUrls).length === 0) problems.push('no SUBGRAPH_<NAME>_URL given');
  let supergraphSdl = '';
  try {
    supergraphSdl = readFileSync(env.SUPERGRAPH_PATH ?? '', 'utf8');
  } catch (error) {
    problems.push(`SUPERGRAPH_PATH must name the supergraph SDL file, got "${env.SUPERGRAPH_PATH}" (${(error as Error).message})`);
  }
  if (problems.length > 0) throw new Error(`${peer} cannot start:\n  - ${problems.join('\n  - ')}`);
  return { port, identitySecret, subgraphUrls, supergraphSdl };
}
