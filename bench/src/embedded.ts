/**
 * The embedded stack as a user starts it, with the README's command (`bash scripts/start.sh`, which installs when
 * needed, bundles what changed and then execs node: the pid is the server's): time from the command to the first
 * answered federated query, and the server's peak resident memory. Medians of ROUNDS first starts (a new data
 * folder each) and of the restarts that follow each.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postGraphQL } from '@psa/testing';
import { log, round, saveSection } from './results';

const ROOT = join(__dirname, '..', '..');

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

async function startOnce(dataDir: string): Promise<{ seconds: number; peakMiB: number }> {
  const started = performance.now();
  const child = spawn('bash', ['scripts/start.sh'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', PSA_DATA_DIR: dataDir, JWT_SECRET: '', IDENTITY_SIGNING_SECRET: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  try {
    for (;;) {
      const url = /is ready: (http:\/\/\S+)/.exec(output)?.[1];
      const token = /DEMO_TOKEN=(\S+)/.exec(output)?.[1];
      if (url && token) {
        const res = await postGraphQL(url, { query: '{ me { pets { name vaccinations { vaccineName } } } }' }, { authorization: `Bearer ${token}` });
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        const seconds = (performance.now() - started) / 1000;
        return { seconds: round(seconds, 1), peakMiB: peakRssMiB(child.pid!) };
      }
      if (child.exitCode !== null) throw new Error(`embedded start exited:\n${output}`);
      if (performance.now() - started > 120_000) throw new Error(`embedded start not ready in 120 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}

const ROUNDS = Number(process.env.BENCH_EMBEDDED_ROUNDS ?? 3);

function medianOf(runs: { seconds: number; peakMiB: number }[]): { seconds: number; peakMiB: number; runs: number[] } {
  const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { seconds: mid(runs.map((r) => r.seconds)), peakMiB: mid(runs.map((r) => r.peakMiB)), runs: runs.map((r) => r.seconds) };
}

export async function benchEmbedded(): Promise<void> {
  const firsts: { seconds: number; peakMiB: number }[] = [];
  const restarts: { seconds: number; peakMiB: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'psa-bench-embedded-'));
    try {
      const first = await startOnce(dataDir);
      log(`round ${round}/${ROUNDS}: first start (create, migrate, seed) ${first.seconds} s to first answer, peak RSS ${first.peakMiB} MiB`);
      const again = await startOnce(dataDir);
      log(`round ${round}/${ROUNDS}: restart ${again.seconds} s to first answer, peak RSS ${again.peakMiB} MiB`);
      firsts.push(first);
      restarts.push(again);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const first = medianOf(firsts);
  const second = medianOf(restarts);
  saveSection('embedded', {
    figures: { first, restart: second },
    table: {
      title: `Embedded stack: \`bash scripts/start.sh\` to first answered query (median of ${ROUNDS})`,
      columns: ['start', 'seconds to first answer', 'peak RSS MiB'],
      rows: [
        ['first (PGlite created, migrated, demo data seeded)', first.seconds, first.peakMiB],
        ['restart (data kept)', second.seconds, second.peakMiB],
      ],
    },
  });
}
