/**
 * pnpm new:division <name> [--copies pet,owner,household]
 *
 * Creates subgraphs/<name>/ (one example module with its schema, resolvers, tables, rules and an in-process
 * test; its drizzle config and first migration) and registers the division everywhere it must be known:
 * subgraphs/registry.json (its port), scripts/lib/subgraphs.ts and scripts/package.json (composition, the
 * embedded stack, the services runner, reconcile), then `pnpm codegen <name>` writes its resolver types from its
 * SDL and `pnpm compose` writes the supergraph, the API schema,
 * docker-compose.yml and infra/postgres/init-databases.sh. With --copies it also gets copy tables of those core
 * aggregates and their projector. A bad or taken name is refused before anything is written; a failure later
 * puts every file back as it was.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as t from './new-division/templates';
import { isDivision } from '@psa/events';

const ROOT = join(__dirname, '..');
const USAGE = 'usage: pnpm new:division <name> [--copies pet,owner,household]   (name: lower-case letters, digits and _, starting with a letter)';
const RESERVED = new Set(['gateway', 'public', 'information_schema', 'packages', 'scripts', 'tests', 'bench', 'infra', 'test', 'node_modules']);
const COPIABLE: readonly t.CopiedAggregate[] = ['pet', 'owner', 'household'];

class UsageError extends Error {}

function parseArgs(argv: string[]): { name: string; copies: t.CopiedAggregate[] } {
  const [name, ...rest] = argv;
  if (!name || name.startsWith('-')) throw new UsageError(USAGE);
  let copies: t.CopiedAggregate[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] !== '--copies' || rest[i + 1] === undefined) throw new UsageError(`unknown or incomplete option "${rest.slice(i).join(' ')}"\n${USAGE}`);
    const asked = rest[i + 1]!.split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const unknown = asked.filter((c) => !COPIABLE.includes(c as t.CopiedAggregate));
    if (unknown.length > 0) throw new UsageError(`--copies takes ${COPIABLE.join(', ')}; got ${unknown.join(', ')}`);
    copies = COPIABLE.filter((c) => asked.includes(c));
  }
  return { name, copies };
}

/** Every reason the name cannot be a division, at once. */
function refusals(name: string): string[] {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9_]*$/.test(name) || name.endsWith('_') || name.includes('__'))
    problems.push(
      `"${name}" is not a name: lower-case letters, digits and single _ between words, starting with a letter (it names a package, a folder and a PostgreSQL schema)`,
    );
  if (name.length > 30) problems.push(`"${name}" is longer than 30 characters`);
  if (RESERVED.has(name) || name.startsWith('pg_')) problems.push(`"${name}" is reserved`);
  const registry = JSON.parse(readFileSync(join(ROOT, 'subgraphs', 'registry.json'), 'utf8')) as { subgraphs: { name: string }[] };
  if (registry.subgraphs.some((s) => s.name === name)) problems.push(`"${name}" is already a subgraph (subgraphs/registry.json)`);
  else if (existsSync(join(ROOT, 'subgraphs', name))) problems.push(`subgraphs/${name} already exists`);
  return problems;
}

/** The files this command edits, as they were: put back if anything fails. */
class Changes {
  private readonly before = new Map<string, string | null>();

  write(path: string, text: string): void {
    if (!this.before.has(path)) this.before.set(path, existsSync(path) ? readFileSync(path, 'utf8') : null);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }

  undo(folder: string): void {
    for (const [path, text] of this.before) if (text !== null) writeFileSync(path, text);
    rmSync(folder, { recursive: true, force: true });
  }
}

function step(line: string): void {
  console.error(`new:division: ${line}`);
}

function run(command: string, args: string[], cwd = ROOT): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The division is a new workspace package, so the lockfile must change: pnpm freezes it by default under CI=true. */
const INSTALL = ['install', '--no-frozen-lockfile', '--prefer-offline', '--reporter=silent'];

function versionsOf(pkg: string, names: string[]): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(ROOT, pkg, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const all = { ...manifest.dependencies, ...manifest.devDependencies };
  return Object.fromEntries(names.map((n) => [n, all[n] ?? '*']));
}

/** Adds the division to scripts/lib/subgraphs.ts: one import, one entry. */
function registerImport(text: string, names: t.DivisionNames): string {
  const imports = /^(import \{ \w+ \} from '@psa\/\w+';\n)+/m.exec(text);
  const entries = /const PACKAGES: Record<string, AnySubgraph> = \{\n((?: {2}\w+(?:: \w+)?,\n)+)\};/.exec(text);
  if (!imports || !entries) throw new Error('scripts/lib/subgraphs.ts no longer has the import block and PACKAGES map this command edits');
  const withImport = text.replace(imports[0], `${imports[0]}import { ${names.field} } from '@psa/${names.name}';\n`);
  return withImport.replace(entries[0], entries[0].replace(/\n\};$/, `\n  ${names.field === names.name ? names.name : `${names.name}: ${names.field}`},\n};`));
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const { name, copies } = parsed;
  const problems = refusals(name);
  if (problems.length > 0) {
    console.error(`new:division: refused, nothing written:\n  - ${problems.join('\n  - ')}`);
    return 1;
  }
  const names = t.divisionNames(name);
  const folder = join(ROOT, 'subgraphs', name);
  const changes = new Changes();
  try {
    step(`writing subgraphs/${name}/ (module notes${copies.length ? `, copies of ${copies.join(', ')}` : ''})`);
    const versions = versionsOf('subgraphs/licensure', ['drizzle-orm', 'graphql', 'drizzle-kit']);
    const files: [string, string][] = [
      ['package.json', t.packageJson(names, versions)],
      ['drizzle.config.ts', t.drizzleConfig(names)],
      ['src/db-schema.ts', t.dbSchema(names)],
      ['src/audit.ts', t.audit(names)],
      ['src/context.ts', t.context(names)],
      ['src/loaders.ts', t.loaders(names, copies)],
      ['src/index.ts', t.index(names, copies)],
      ['src/main.ts', t.main(names)],
      ['src/modules/notes/schema.graphql', t.notesSchema(names)],
      ['src/modules/notes/tables.ts', t.notesTables(names)],
      ['src/modules/notes/rules.ts', t.notesRules()],
      ['src/modules/notes/resolvers.ts', t.notesResolvers(names, copies)],
      ['test/notes.test.ts', t.notesTest(names, copies)],
      ['test/gateway.e2e.test.ts', t.gatewayTest(names, copies)],
      ...(copies.length
        ? ([
            ['src/modules/core-copies/tables.ts', t.copiesTables(names, copies)],
            ['src/modules/core-copies/projections.ts', t.copiesProjections(names, copies)],
          ] as [string, string][])
        : []),
    ];
    for (const [path, text] of files) changes.write(join(folder, path), text);

    step('registering it: subgraphs/registry.json, scripts/lib/subgraphs.ts, scripts/package.json');
    const registryPath = join(ROOT, 'subgraphs', 'registry.json');
    const registry = JSON.parse(readFileSync(registryPath, 'utf8')) as { subgraphs: { name: string; port: number }[] };
    const port = Math.max(...registry.subgraphs.map((s) => s.port)) + 1;
    registry.subgraphs.push({ name, port });
    changes.write(registryPath, `${JSON.stringify(registry, null, 2)}\n`);
    const subgraphsPath = join(ROOT, 'scripts', 'lib', 'subgraphs.ts');
    changes.write(subgraphsPath, registerImport(readFileSync(subgraphsPath, 'utf8'), names));
    const scriptsManifestPath = join(ROOT, 'scripts', 'package.json');
    const scriptsManifest = JSON.parse(readFileSync(scriptsManifestPath, 'utf8')) as { dependencies: Record<string, string> };
    scriptsManifest.dependencies[`@psa/${name}`] = 'workspace:*';
    scriptsManifest.dependencies = Object.fromEntries(Object.entries(scriptsManifest.dependencies).sort(([a], [b]) => a.localeCompare(b)));
    changes.write(scriptsManifestPath, `${JSON.stringify(scriptsManifest, null, 2)}\n`);

    step('installing the workspace (pnpm install)');
    run('pnpm', INSTALL);
    step('generating the first migration (drizzle-kit)');
    run('pnpm', ['exec', 'drizzle-kit', 'generate', '--name', `initial_${name}`], folder);
    step(`generating its resolver types: src/generated/resolvers.ts (pnpm codegen ${name})`);
    run('pnpm', ['--silent', 'codegen', name]);
    step('composing: supergraph, API schema, docker-compose.yml, init-databases.sh (pnpm compose)');
    for (const file of ['gateway/supergraph.graphql', 'gateway/api-schema.graphql', 'docker-compose.yml', 'infra/postgres/init-databases.sh']) {
      changes.write(join(ROOT, file), readFileSync(join(ROOT, file), 'utf8'));
    }
    run('pnpm', ['--silent', 'compose']);
    step('formatting what it wrote (prettier)');
    run('pnpm', ['exec', 'prettier', '--write', '--log-level', 'warn', `subgraphs/${name}`, 'scripts/lib/subgraphs.ts']);
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer };
    const detail = `${output.stdout?.toString() ?? ''}${output.stderr?.toString() ?? ''}`.trim();
    console.error(`new:division: failed, every file put back as it was: ${(error as Error).message}${detail ? `\n${detail}` : ''}`);
    changes.undo(folder);
    try {
      run('pnpm', INSTALL);
    } catch {
      console.error('new:division: run pnpm install once more to drop the half-added package');
    }
    return 1;
  }
  console.log(`subgraphs/${name} is a division of the supergraph, on port ${JSON.parse(readFileSync(join(ROOT, 'subgraphs', 'registry.json'), 'utf8')).subgraphs.find((s: { name: string }) => s.name === name).port}.
Next:
  - shape src/modules/notes/ into your first module (schema.graphql, tables.ts, rules.ts, resolvers.ts) or add modules beside it;
  - after changing tables: pnpm --filter @psa/${name} db:generate --name <what-changed>;
  - after changing schema.graphql (or tables.ts): pnpm codegen, then pnpm compose;
  - pnpm test:fast runs test/notes.test.ts in process; bash scripts/test.sh also runs test/gateway.e2e.test.ts
    (through the gateway, on PostgreSQL and Kafka); bash scripts/start.sh serves it with the others;
  - declare in ownerData (src/index.ts) every table that holds an owner's data: exports and erasure read it.`);
  // Consent topics, exports and erasure are for the product's divisions, listed once in packages/events.
  if (!isDivision(name))
    console.log(`Note: "${name}" is not in DIVISIONS (packages/events/src/topics.ts): until it is, owners cannot consent to it and
its ownerData is neither exported nor erased.`);
  return 0;
}

void main().then((code) => process.exit(code));
