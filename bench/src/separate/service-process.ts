import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One service of the benchmark (subgraph or gateway) as a process of its own, its output in a log file. */
export interface ServiceProcess {
  name: string;
  pid: number;
  /** Its GraphQL endpoint. */
  url: string;
  logFile: string;
  /** SIGTERM, then SIGKILL after 15 s; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface ServiceSpec {
  name: string;
  /** node's arguments: flags, then the entry file. */
  nodeArgs: string[];
  env: Record<string, string>;
  url: string;
  /** True once the service answers as it should. */
  ready: () => Promise<boolean>;
  logDir: string;
}

const START_TIMEOUT_MS = 90_000;

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

function exitedAlready(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export async function startService(spec: ServiceSpec): Promise<ServiceProcess> {
  const logFile = join(spec.logDir, `${spec.name.replace(/[^a-z0-9-]+/gi, '-')}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, spec.nodeArgs, { env: { ...process.env, ...spec.env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (exitedAlready(child)) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exitedAlready(child))
      throw new Error(`${spec.name} exited (${child.signalCode ?? child.exitCode}) while starting; its log ${logFile} ends:\n${tail(logFile)}`);
    if (await spec.ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${spec.name} not ready after ${START_TIMEOUT_MS / 1000} s; its log ${logFile} ends:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name: spec.name, pid: child.pid!, url: spec.url, logFile, stop };
}

/** Ready checks: a service's own GET /ready, or a gateway answering `{ __typename }` (peers have no /ready). */
export const answersReady = (base: string) => async () => (await fetch(`${base}/ready`, { signal: AbortSignal.timeout(2_000) })).ok;
export const answersTypename = (url: string) => async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":"{ __typename }"}',
    signal: AbortSignal.timeout(2_000),
  });
  return response.ok;
};
