import type { Subgraph, Worker, WorkerDeps } from './subgraph';

export interface RunningWorkers {
  workers: Worker[];
  stop(): Promise<void>;
}

/** Starts a subgraph's background workers in order; stops them in reverse. */
export async function startWorkers<TLoaders>(subgraph: Subgraph<TLoaders>, deps: WorkerDeps): Promise<RunningWorkers> {
  const workers = subgraph.workers?.(deps) ?? [];
  const started: Worker[] = [];
  try {
    for (const worker of workers) {
      await worker.start();
      started.push(worker);
      deps.log(`${subgraph.name}: ${worker.name} started`);
    }
  } catch (error) {
    for (const worker of started.reverse()) await worker.stop().catch(() => undefined);
    throw error;
  }
  return {
    workers,
    stop: async () => {
      for (const worker of [...started].reverse()) await worker.stop();
    },
  };
}
