import { IDENTITY_HEADER, signIdentity } from '@psa/identity';

/**
 * The one change the peers need from their defaults. The load generator hands a peer the caller's identity,
 * unsigned, in `x-psa-identity` (peers do not verify JWTs; ours does). The subgraphs accept only an identity
 * signed for them and for the exact body they receive, so each subgraph call is signed here, as ours signs it
 * in gateway/src/subgraph-calls.ts (signedFetcher).
 */
export function signedIdentityHeaders(identity: string | null | undefined, secret: string, subgraph: string, body: string): Record<string, string> {
  return identity ? signIdentity(identity, secret, { audience: subgraph, body }) : {};
}

export { IDENTITY_HEADER };

/** Subgraph name by URL, for hooks that see only the URL a call goes to. */
export function subgraphByUrl(subgraphUrls: Record<string, string>): (url: string) => string {
  const names = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, name]));
  return (url) => {
    const name = names.get(url);
    if (!name) throw new Error(`no subgraph is served at ${url}; known: ${[...names.keys()].join(', ')}`);
    return name;
  };
}
