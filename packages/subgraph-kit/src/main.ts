import { openPostgres } from '@psa/db';
import { transportFromEnv } from '@psa/events';
import { readSubgraphEnv } from './config';
import { serveSubgraph } from './serve';
import type { Subgraph } from './subgraph';
import { startWorkers } from './workers';

/**
 * A subgraph's process entry point: read the environment, migrate, serve, start its workers (with Kafka from
 * KAFKA_BROKERS when it has any), stop cleanly on SIGINT/SIGTERM.
 */
export async function runSubgraphMain<TLoaders>(subgraph: Subgraph<TLoaders>, defaultPort: number): Promise<void> {
  const env = readSubgraphEnv(subgraph.name, process.env, defaultPort);
  const transport = subgraph.workers ? transportFromEnv(subgraph.name) : null;
  const database = openPostgres(env.databaseUrl);
  let workers: Awaited<ReturnType<typeof startWorkers>> | null = null;
  const server = await serveSubgraph(subgraph, {
    database,
    identitySecret: env.identitySecret,
    port: env.port,
    host: env.host,
    status: async () => ({ subgraph: subgraph.name, workers: workers ? await workers.status() : 'starting' }),
    workersNotReady: () => (workers ? workers.notReady() : transport ? ['workers: starting'] : []),
  });
  console.log(`${subgraph.name} subgraph listening on ${server.url}`);
  workers = transport ? await startWorkers(subgraph, { database, transport, log: console.log }) : null;
  const stop = async () => {
    await workers?.stop();
    await transport?.close();
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
