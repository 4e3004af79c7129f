/** The embedded stack: time from the start command to the first answered query, and peak resident memory. */
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
  // node with tsx's loader rather than the tsx wrapper, so the pid measured is the one serving.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start-embedded.ts'], {
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

export async function benchEmbedded(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'psa-bench-embedded-'));
  try {
    const first = await startOnce(dataDir);
    log(`embedded first start (create, migrate, seed): ${first.seconds} s to first answer, peak RSS ${first.peakMiB} MiB`);
    const second = await startOnce(dataDir);
    log(`embedded restart: ${second.seconds} s to first answer, peak RSS ${second.peakMiB} MiB`);
    saveSection('embedded', {
      figures: { first, restart: second },
      table: {
        title: 'Embedded stack: start command to first answered query',
        columns: ['start', 'seconds to first answer', 'peak RSS MiB'],
        rows: [
          ['first (PGlite created, migrated, demo data seeded)', first.seconds, first.peakMiB],
          ['restart (data kept)', second.seconds, second.peakMiB],
        ],
      },
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
