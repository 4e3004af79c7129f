/**
 * Stops a service on SIGINT or SIGTERM: runs `steps` in order (each awaited, a failing one logged and skipped),
 * logs one line and exits 0, so a supervisor or a terminal sees a clean stop. A second signal while stopping
 * is ignored rather than cutting the steps short. `steps` is read when the signal comes, so a caller may keep
 * adding to it as things start. A start-up step that fails because a stop closed what it needed is no failure:
 * callers check `requested` before reporting one.
 */
export interface Shutdown {
  readonly requested: boolean;
}

export function stopOnSignals(service: string, steps: (() => Promise<unknown> | unknown)[], log: (line: string) => void = console.log): Shutdown {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        console.error(`${service}: while stopping: ${(error as Error).message}`);
      }
    }
    log(`${service}: stopped on ${signal} in ${Math.round(performance.now() - started)} ms`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return {
    get requested() {
      return stopping;
    },
  };
}
