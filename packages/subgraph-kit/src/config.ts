/** Reads a subgraph's environment once, at start-up, and reports every problem at once. */
export interface SubgraphEnv {
  databaseUrl: string;
  identitySecret: string;
  port: number;
  host: string;
}

export function readSubgraphEnv(name: string, env: NodeJS.ProcessEnv = process.env, defaultPort = 4001): SubgraphEnv {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!databaseUrl) problems.push(`DATABASE_URL is required (postgres://... for the ${name} database)`);
  const identitySecret = env.IDENTITY_SIGNING_SECRET ?? '';
  if (identitySecret.length < 32) problems.push('IDENTITY_SIGNING_SECRET must be set to at least 32 characters (the same value as the gateway)');
  const port = Number(env.PORT ?? defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
  if (problems.length > 0) throw new Error(`${name} subgraph cannot start:\n  - ${problems.join('\n  - ')}`);
  // Loopback unless told otherwise: subgraphs are reached through the gateway, not from other hosts.
  return { databaseUrl, identitySecret, port, host: env.HOST ?? '127.0.0.1' };
}
