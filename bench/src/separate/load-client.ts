import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { LoadCommand, LoadReply, LoadResult, LoadTarget, Scenario } from './load-protocol';
import type { BenchOwner } from './traffic';

/** The benchmark's side of the load generator process: one command at a time, answered over node IPC. */
export class LoadGenerator {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: LoadResult | undefined) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: LoadReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.result);
      else waiting?.reject(new Error(reply.error));
    });
    child.once('exit', (code, signal) => {
      for (const { reject } of this.pending.values()) reject(new Error(`load generator exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  static async start(owners: BenchOwner[], identitySecret: string): Promise<LoadGenerator> {
    // tsx's loader only transpiles at start-up; the requests are made by plain autocannon code.
    const child = fork(join(__dirname, 'load-generator.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const generator = new LoadGenerator(child);
    await generator.send({ type: 'init', owners, identitySecret });
    return generator;
  }

  get pid(): number {
    return this.child.pid!;
  }

  private send(command: LoadCommand): Promise<LoadResult | undefined> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, command });
    });
  }

  async check(scenario: Scenario): Promise<void> {
    await this.send({ type: 'check', scenario });
  }

  async isolation(target: LoadTarget): Promise<void> {
    await this.send({ type: 'isolation', target });
  }

  async load(scenario: Scenario, seconds: number, connections: number, rate?: number): Promise<LoadResult> {
    const result = await this.send({ type: 'load', scenario, seconds, connections, ...(rate ? { rate } : {}) });
    if (!result) throw new Error('load generator answered a load without figures');
    return result;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}
