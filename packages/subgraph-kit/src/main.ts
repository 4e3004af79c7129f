import { openPostgres } from '@psa/db';
import { readSubgraphEnv } from './config';
import { serveSubgraph } from './serve';
import type { Subgraph } from './subgraph';

/** A subgraph's process entry point: read the environment, migrate, serve, stop cleanly on SIGINT/SIGTERM. */
export async function runSubgraphMain<TLoaders>(subgraph: Subgraph<TLoaders>, defaultPort: number): Promise<void> {
  const env = readSubgraphEnv(subgraph.name, process.env, defaultPort);
  const database = openPostgres(env.databaseUrl);
  const server = await serveSubgraph(subgraph, { database, identitySecret: env.identitySecret, port: env.port, host: env.host });
  console.log(`${subgraph.name} subgraph listening on ${server.url}`);
  const stop = async () => {
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
