import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { secret } from '@psa/testing';

const ROOT = join(__dirname, '..', '..');

/** A subgraph run as its own process, the way it is deployed (`subgraphs/<name>/src/main.ts`). */
export interface SubgraphProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** http://host:port, once it said where it listens. */
  baseUrl(): Promise<string>;
  /** SIGTERM, then waits for the exit; resolves to the exit code (0 for a clean stop). */
  stop(): Promise<number | null>;
}

export function startSubgraphProcess(name: string, env: { DATABASE_URL: string; KAFKA_BROKERS: string; KAFKA_NAMESPACE: string }): SubgraphProcess {
  let output = '';
  // node itself with tsx's loader, not the tsx wrapper: a signal must reach the process doing the work.
  const child = spawn(process.execPath, ['--import', 'tsx', `subgraphs/${name}/src/main.ts`], {
    cwd: ROOT,
    env: { ...process.env, ...env, IDENTITY_SIGNING_SECRET: secret(), PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    baseUrl: async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const listening = /listening on (http:\/\/\S+)\/graphql/.exec(output);
        if (listening) return listening[1]!;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not say where it listens:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
