import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * `pnpm new:division`, as a division team runs it, in a scratch copy of this workspace: a bad or taken name is
 * refused with nothing written; a new division composes, type-checks, lints, migrates, answers a federated query
 * through the gateway and keeps a pet copy current from core's events, with no file edited by hand.
 */
const ROOT = join(__dirname, '..', '..');
const FILES_OUTSIDE = [
  'subgraphs/registry.json',
  'scripts/lib/subgraphs.ts',
  'scripts/package.json',
  'gateway/supergraph.graphql',
  'gateway/api-schema.graphql',
  'docker-compose.yml',
  'infra/postgres/init-databases.sh',
];
let copy: string;

function sh(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { code: number; out: string } {
  const result = spawnSync(command, args, { cwd: copy, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of FILES_OUTSIDE) hash.update(readFileSync(join(copy, file)));
  hash.update(String(sh('ls', ['subgraphs']).out));
  return hash.digest('hex');
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'psa-division-'));
  // The working tree as it is (committed or not), without what is installed or built.
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  const installed = sh('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']);
  if (installed.code !== 0) throw new Error(`pnpm install in the copy failed:\n${installed.out}`);
}, 300_000);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

it('refuses a bad or taken name with a clear message and writes nothing', () => {
  const before = fingerprint();
  const bad = sh('pnpm', ['--silent', 'new:division', 'Zoo-Keeping']);
  expect(bad.code).toBe(1);
  expect(bad.out).toContain('refused, nothing written');
  expect(bad.out).toContain('"Zoo-Keeping" is not a name');
  const taken = sh('pnpm', ['--silent', 'new:division', 'licensure']);
  expect(taken.code).toBe(1);
  expect(taken.out).toContain('"licensure" is already a subgraph (subgraphs/registry.json)');
  const usage = sh('pnpm', ['--silent', 'new:division', 'zoo', '--copies', 'pets']);
  expect(usage.code).toBe(2);
  expect(usage.out).toContain('--copies takes pet, owner, household; got pets');
  expect(fingerprint()).toBe(before);
});

it('scaffolds a division with a pet copy that composes, type-checks, lints, migrates, answers through the gateway and follows core', () => {
  const created = sh('pnpm', ['--silent', 'new:division', 'zoo', '--copies', 'pet']);
  // The next port after the registry's last.
  const registry = JSON.parse(readFileSync(join(ROOT, 'subgraphs', 'registry.json'), 'utf8')) as { subgraphs: { name: string; port: number }[] };
  const port = Math.max(...registry.subgraphs.map((s) => s.port)) + 1;
  expect(created.out).toContain(`subgraphs/zoo is a division of the supergraph, on port ${port}.`);
  expect(created.code).toBe(0);
  expect(JSON.parse(readFileSync(join(copy, 'subgraphs', 'registry.json'), 'utf8')).subgraphs.map((s: { name: string }) => s.name)).toEqual([
    ...registry.subgraphs.map((s) => s.name),
    'zoo',
  ]);
  expect(readFileSync(join(copy, 'docker-compose.yml'), 'utf8')).toContain(`SUBGRAPH_ZOO_URL: http://zoo:${port}/graphql`);
  expect(readFileSync(join(copy, 'infra', 'postgres', 'init-databases.sh'), 'utf8')).toMatch(/\n {2}zoo\n/);

  const composed = sh('pnpm', ['--silent', 'compose', '--check']);
  expect([composed.code, composed.out.trim()]).toEqual([0, 'supergraph, API schema and deployment files are up to date']);
  const typed = sh('pnpm', ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit']);
  expect([typed.code, typed.out.trim()]).toEqual([0, '']);
  // The same lint gate as the rest: eslint with types, prettier, no unused dependencies.
  const linted = sh('pnpm', ['--silent', 'lint']);
  expect([linted.code, linted.out.trim()]).toEqual([0, '']);

  // Its own tests: in process, and through the gateway with core on real PostgreSQL and Kafka.
  const own = sh('pnpm', ['exec', 'jest', 'subgraphs/zoo'], { NODE_OPTIONS: '--experimental-vm-modules' });
  expect(own.out).toMatch(/Tests: {7}6 passed, 6 total/);
}, 600_000);
