import type { Subgraph, Worker, WorkerDeps } from './subgraph';

export interface RunningWorkers {
  workers: Worker[];
  stop(): Promise<void>;
  /** Each worker's figures by name, e.g. { "projector of core events": { lag: 0, applied: 120 } }. */
  status(): Promise<Record<string, unknown>>;
  /** The reasons workers give for keeping the subgraph out of service; empty when none does. */
  notReady(): string[];
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
    status: async () => {
      const entries = await Promise.all(
        started.map(async (w) => [w.name, w.status ? await w.status().catch((e: Error) => ({ error: e.message })) : { running: true }] as const),
      );
      return Object.fromEntries(entries);
    },
    notReady: () =>
      started.flatMap((w) => {
        const reason = w.notReady?.() ?? null;
        return reason === null ? [] : [`${w.name}: ${reason}`];
      }),
  };
}
