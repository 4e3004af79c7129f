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

/** Background work done in rounds on a clock: a grace period's purge notices, appointment reminders. */
export interface ClockWork {
  name: string;
  /** Milliseconds between rounds; the first round runs at start. */
  everyMs: number;
  /** One round: returns how many things it did (0 when nothing was due). */
  round: () => Promise<number>;
  /** The log line of a round that did something. */
  did: (count: number) => string;
  log: (line: string) => void;
}

/**
 * A worker that runs `round` every `everyMs`. A round still running (a slow database) is not overtaken by the next;
 * a failed round is logged and tried again at the next tick; stop waits for the round under way. Its status counts
 * what the rounds did and the last error.
 */
export function clockWorker({ name, everyMs, round, did, log }: ClockWork): Worker {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let done = 0;
  let lastError: string | null = null;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = round()
      .then((count) => {
        done += count;
        lastError = null;
        if (count > 0) log(did(count));
      })
      .catch((error: Error) => {
        lastError = error.message;
        log(`${name}: failed, trying again in ${everyMs} ms: ${error.message}`);
      })
      .finally(() => {
        busy = false;
      });
  };
  return {
    name,
    start: async () => {
      tick();
      timer = setInterval(tick, everyMs);
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
    status: async () => ({ done, everyMs, lastError }),
  };
}
