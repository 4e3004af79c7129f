import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, createTestDatabase, postGraphQL } from '@psa/testing';

/**
 * The README's blocks that start things, run as written (the markers above them say which and with what
 * substituted), and stopped by a signal to the PID they leave: SIGINT for the whole stack, SIGTERM for one
 * service. Each must stop everything it started, log one line saying so, and exit 0.
 */
const ROOT = join(__dirname, '..', '..');
/** Every subgraph the services runner starts, in the registry's order. */
const REGISTERED = (JSON.parse(readFileSync(join(ROOT, 'subgraphs', 'registry.json'), 'utf8')) as { subgraphs: { name: string }[] }).subgraphs.map(
  (s) => s.name,
);
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function blockAfter(marker: string): string {
  const at = README.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no "${marker}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(README.slice(at));
  if (!block) throw new Error(`no sh block after "${marker}"`);
  return block[1]!.trim();
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runBlock(block: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn('bash', ['-c', block], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function waitFor(running: Running, pattern: RegExp, seconds: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const match = pattern.exec(running.output());
    if (match) return match;
    if (running.child.exitCode !== null) throw new Error(`exited with ${running.child.exitCode} before ${pattern}:\n${running.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} after ${seconds} s:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch {
    return true;
  }
}

async function dropDatabases(prefix: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`drop database "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}

describe('the README, run as written', () => {
  const suffix = randomBytes(3).toString('hex');
  const prefix = `psa_test_readme_${suffix}_`;
  afterAll(() => dropDatabases(prefix));

  it('"bash scripts/start.sh services" runs every service as its own process, answers through the gateway, and SIGINT stops them all', async () => {
    const block = blockAfter('<!-- tests/e2e/readme.test.ts runs this block as written -->');
    expect(block).toBe('bash scripts/start.sh services');
    const port = 14000 + Math.floor(Math.random() * 500);
    const running = runBlock(block, {
      PORT: String(port),
      PSA_PORT_OFFSET: String(port - 4000 + 500),
      PSA_DATABASE_PREFIX: prefix,
      PSA_POSTGRES_URL: ADMIN_DATABASE_URL,
      KAFKA_NAMESPACE: `readme${suffix}.`,
      JWT_SECRET: '',
      IDENTITY_SIGNING_SECRET: '',
    });
    const [, processes] = await waitFor(running, /Processes: (.*?);/, 180);
    const pids = [...processes!.matchAll(/(\w+) (\d+)/g)].map((m) => Number(m[2]));
    expect(processes!.split(', ').map((p) => p.split(' ')[0])).toEqual([...REGISTERED, 'gateway']);
    // One process each, and the runner's own.
    expect(new Set([running.child.pid, ...pids]).size).toBe(REGISTERED.length + 2);

    const token = execFileSync('pnpm', ['--silent', 'token', 'readme-owner'], {
      cwd: ROOT,
      env: { ...process.env, PSA_DATA_DIR: '.data/services', JWT_SECRET: '' },
    })
      .toString()
      .trim();
    const url = `http://127.0.0.1:${port}/graphql`;
    const created = await postGraphQL(
      url,
      { query: 'mutation { createOwner(input: { email: "readme@example.com", firstName: "Read", lastName: "Me" }) { firstName } }' },
      { authorization: `Bearer ${token}` },
    );
    expect(created).toEqual({ status: 200, data: { createOwner: { firstName: 'Read' } } });

    running.child.kill('SIGINT');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.output().match(/services: stopped on SIGINT/g)).toHaveLength(1);
    for (const name of ['gateway', ...REGISTERED]) expect(running.output()).toContain(`[${name}] ${name}: stopped on SIGTERM`);
    expect(running.output()).not.toMatch(/ELIFECYCLE|ERR_PNPM/);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(await refused(url)).toBe(true);
  }, 240_000);

  it('"bash scripts/start.sh core" runs one subgraph whose PID is its own, and SIGTERM stops it', async () => {
    const block = blockAfter('<!-- tests/e2e/readme.test.ts runs this block with its own database, broker, secret and port -->');
    const database = await createTestDatabase('readme_core');
    const port = 14600 + Math.floor(Math.random() * 300);
    try {
      const ours = block
        .replace('postgres://postgres@127.0.0.1:5432/psa_core', database.url)
        .replace('127.0.0.1:19092', process.env.KAFKA_BROKERS!)
        .replace('PORT=4001', `PORT=${port}`);
      expect(ours).not.toBe(block);
      const running = runBlock(ours, { KAFKA_NAMESPACE: `readme${suffix}core.` });
      await waitFor(running, /core subgraph listening/, 120);
      // Ready once its outbox relay runs too.
      let ready: unknown;
      for (let i = 0; i < 600 && (ready as { status?: string } | undefined)?.status !== 'ready'; i++) {
        ready = await (await fetch(`http://127.0.0.1:${port}/ready`)).json();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready).toEqual({ status: 'ready' });
      // bash -c and start.sh both exec: the PID the command leaves is node's.
      expect(readFileSync(`/proc/${running.child.pid}/cmdline`, 'utf8')).toContain('.build/core.js');
      running.child.kill('SIGTERM');
      expect(await running.exited).toEqual({ code: 0, signal: null });
      expect(running.output().match(/core: stopped on SIGTERM/g)).toHaveLength(1);
      expect(await refused(`http://127.0.0.1:${port}/health`)).toBe(true);
    } finally {
      await database.drop();
    }
  }, 180_000);
});
