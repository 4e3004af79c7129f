import { openPostgres } from '@psa/db';
import { transportFromEnv } from '@psa/events';
import { stopOnSignals, type RunningServer } from '@psa/http';
import { readSubgraphEnv } from './config';
import { serveSubgraph } from './serve';
import type { Subgraph } from './subgraph';
import { startWorkers } from './workers';

/**
 * A subgraph's process entry point: read the environment, migrate, serve, start its workers (with Kafka from
 * KAFKA_BROKERS when it has any), stop in order on SIGINT/SIGTERM.
 */
export async function runSubgraphMain<TLoaders>(subgraph: Subgraph<TLoaders>, defaultPort: number): Promise<void> {
  const env = readSubgraphEnv(subgraph.name, process.env, defaultPort);
  const transport = subgraph.workers ? transportFromEnv(subgraph.name) : null;
  const database = openPostgres(env.databaseUrl);
  let workers: Awaited<ReturnType<typeof startWorkers>> | null = null;
  let server: RunningServer | null = null;
  // Registered first, so a signal during start-up also stops what has started so far.
  const shutdown = stopOnSignals(subgraph.name, [() => workers?.stop(), () => transport?.close(), () => server?.close(), () => database.close()]);
  try {
    await start();
  } catch (error) {
    // A stop that came during start-up closed what the start was using: the stop reports, and exits 0.
    if (!shutdown.requested) throw error;
  }

  async function start() {
    server = await serveSubgraph(subgraph, {
      database,
      identitySecret: env.identitySecret,
      port: env.port,
      host: env.host,
      status: async () => ({ subgraph: subgraph.name, workers: workers ? await workers.status() : 'starting' }),
      workersNotReady: () => (workers ? workers.notReady() : transport ? ['workers: starting'] : []),
    });
    console.log(`${subgraph.name} subgraph listening on ${server.url}`);
    workers = transport ? await startWorkers(subgraph, { database, transport, log: console.log }) : null;
  }
}
