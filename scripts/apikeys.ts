/**
 * API clients, their keys and the operations they may run, in the gateway's database.
 *
 *   pnpm --silent apikeys clients add acme --divisions core,licensure --roles registrar --rate 600
 *   pnpm --silent apikeys keys issue acme            # prints the key once
 *   pnpm --silent apikeys operations add acme ops.graphql
 *
 * The database is GATEWAY_DATABASE_URL, or else the embedded stack's PGlite (PSA_DATA_DIR, default
 * .data/embedded), which only one process can open: refused while the embedded stack runs. Results go to
 * stdout, progress to stderr. Exit codes: 0 done, 1 refused or failed, 2 wrong usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { onEmbedded, openEmbeddedPostgres, openPostgres, type Database, type Db } from '@psa/db';
import { AdminError, addClient, findClient, issueKey, listClients, listKeys, listOperations, registerOperations, revokeKey } from '@psa/gateway/src/b2b/admin';
import { KEY_CACHE_MS } from '@psa/gateway/src/b2b/keys';
import { migrateGatewaySchema } from '@psa/gateway/src/b2b/migrations';
import { OperationChecker, prepareOperations, subgraphNames } from '@psa/gateway/src/b2b/registration';
import { redactUrl } from '@psa/gateway/src/b2b/redis';
import { EMBEDDED_PID_FILE } from './lib/embedded-pid';

const ROOT = join(__dirname, '..');
const SUPERGRAPH = join(ROOT, 'gateway', 'supergraph.graphql');

const USAGE = `usage: pnpm --silent apikeys <command>
  clients add <name> --divisions core,licensure [--roles role1,role2] [--rate <requests per minute, default 600>]
  clients list
  keys issue <client>                  prints the new key once; only its prefix and a hash are stored
  keys list [<client>]
  keys revoke <prefix>
  operations add <client> <file.graphql>
  operations list <client> [--documents]
database: GATEWAY_DATABASE_URL, or the embedded stack's (PSA_DATA_DIR, default .data/embedded) while it is stopped`;

class UsageError extends Error {}

const progress = (line: string) => console.error(`apikeys: ${line}`);

interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

const BOOLEAN_FLAGS = new Set(['--documents']);

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    if (BOOLEAN_FLAGS.has(arg)) {
      flags.set(arg, true);
      continue;
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
    flags.set(arg, value);
  }
  return { positional, flags };
}

function expect(args: Args, count: number, allowedFlags: string[], shape: string): string[] {
  if (args.positional.length !== count) throw new UsageError(`expected: apikeys ${shape}`);
  for (const flag of args.flags.keys()) if (!allowedFlags.includes(flag)) throw new UsageError(`unknown option ${flag} for: apikeys ${shape}`);
  return args.positional;
}

const list = (value: string | true | undefined) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
const when = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

/** Columns padded to their widest cell. */
function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

/** The gateway's database, migrated (the command may run before any gateway has started on it). */
async function openDatabase(): Promise<{ database: Database; close: () => Promise<void> }> {
  const url = process.env.GATEWAY_DATABASE_URL;
  if (url) {
    const database = openPostgres(url, { maxConnections: 2 });
    progress(`database ${redactUrl(url)}`);
    await migrateGatewaySchema(database);
    return { database, close: () => database.close() };
  }
  const dataDir = resolve(ROOT, process.env.PSA_DATA_DIR ?? '.data/embedded');
  const pidFile = join(dataDir, EMBEDDED_PID_FILE);
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new AdminError(
        `the embedded stack is running (PID ${pid}) and holds its database in ${dataDir}: stop it first (Ctrl-C), or set GATEWAY_DATABASE_URL`,
      );
    }
  }
  progress(`embedded database in ${join(dataDir, 'pg')} (GATEWAY_DATABASE_URL is not set)`);
  const embedded = await openEmbeddedPostgres(join(dataDir, 'pg'));
  const database = await onEmbedded(embedded);
  await migrateGatewaySchema(database);
  return { database, close: () => embedded.close() };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A command checks its arguments first (a usage error never opens the database), then runs on the database. */
type Command = (args: Args) => (db: Db) => Promise<void>;

const commands: Record<string, Record<string, Command>> = {
  clients: {
    add(args) {
      const [name] = expect(args, 1, ['--divisions', '--roles', '--rate'], 'clients add <name> --divisions a,b [--roles r1,r2] [--rate 600]');
      const rate = args.flags.get('--rate');
      const input = {
        name: name!,
        roles: list(args.flags.get('--roles')),
        divisions: list(args.flags.get('--divisions')),
        requestsPerMinute: typeof rate === 'string' ? Number(rate) : 600,
      };
      return async (db) => {
        const client = await addClient(db, input, subgraphNames(readFileSync(SUPERGRAPH, 'utf8')));
        console.log(
          `client ${client.name}: roles ${client.roles.join(',') || '(none)'}; divisions ${client.divisions.join(',')}; ${client.requestsPerMinute} requests per minute per key`,
        );
      };
    },
    list(args) {
      expect(args, 0, [], 'clients list');
      return async (db) => {
        const clients = await listClients(db);
        if (clients.length === 0) return progress('no clients yet (apikeys clients add <name> --divisions ...)');
        printTable(
          ['name', 'roles', 'divisions', 'per minute', 'active keys', 'operations', 'created'],
          clients.map((c) => [
            c.name,
            c.roles.join(',') || '-',
            c.divisions.join(','),
            String(c.requestsPerMinute),
            String(c.activeKeys),
            String(c.operations),
            when(c.createdAt),
          ]),
        );
      };
    },
  },
  keys: {
    issue(args) {
      const [name] = expect(args, 1, [], 'keys issue <client>');
      return async (db) => {
        const { key, prefix, client } = await issueKey(db, name!);
        progress(`issued key ${prefix} for client ${client.name}; it is printed below this once and cannot be shown again: store it now`);
        console.log(key);
      };
    },
    list(args) {
      const [name] = expect(args, Math.min(args.positional.length, 1), [], 'keys list [<client>]');
      return async (db) => {
        const keys = await listKeys(db, name);
        if (keys.length === 0) return progress('no keys yet (apikeys keys issue <client>)');
        printTable(
          ['prefix', 'client', 'created', 'last used', 'revoked'],
          keys.map((k) => [k.prefix, k.client, when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt)]),
        );
      };
    },
    revoke(args) {
      const [prefix] = expect(args, 1, [], 'keys revoke <prefix>');
      return async (db) => {
        const result = await revokeKey(db, prefix!);
        console.log(`key ${result.prefix} of client ${result.client} ${result.already ? 'was already revoked' : 'revoked'} at ${when(result.revokedAt)}`);
        progress(`gateways refuse it within ${KEY_CACHE_MS / 1000} s (they reuse a key's look-up that long)`);
      };
    },
  },
  operations: {
    add(args) {
      const [name, file] = expect(args, 2, [], 'operations add <client> <file.graphql>');
      if (!existsSync(file!)) throw new UsageError(`no file ${file}`);
      const source = readFileSync(file!, 'utf8');
      return async (db) => {
        const client = await findClient(db, name!);
        progress(`checking ${file} against the supergraph: valid, within the budget, reaching only ${client.divisions.join(',')}`);
        const prepared = prepareOperations(source, file!, new OperationChecker(readFileSync(SUPERGRAPH, 'utf8')), client.divisions);
        for (const { operation, added } of await registerOperations(db, client.name, prepared)) {
          console.log(
            `${operation.sha256}  ${operation.name}  ${added ? 'registered' : 'already registered'} (reaches ${operation.divisions.join(',') || 'no subgraph'})`,
          );
        }
        progress(
          `client ${client.name}'s keys may run them within ${KEY_CACHE_MS / 1000} s, by hash (extensions.persistedQuery.sha256Hash) or by exact text (operations list ${client.name} --documents)`,
        );
      };
    },
    list(args) {
      const [name] = expect(args, 1, ['--documents'], 'operations list <client> [--documents]');
      return async (db) => {
        const operations = await listOperations(db, name!);
        if (operations.length === 0) return progress(`client ${name} has no registered operations (apikeys operations add ${name} <file.graphql>)`);
        if (args.flags.has('--documents')) {
          for (const o of operations) console.log(`# ${o.name} ${o.sha256}\n${o.document}\n`);
          return;
        }
        printTable(
          ['sha256', 'name', 'registered'],
          operations.map((o) => [o.sha256, o.name, when(o.createdAt)]),
        );
      };
    },
  },
};

async function main(): Promise<number> {
  const [group, verb, ...rest] = process.argv.slice(2);
  if (group === undefined || group === '--help' || group === 'help') {
    console.error(USAGE);
    return group === undefined ? 2 : 0;
  }
  const command = commands[group]?.[verb ?? ''];
  if (!command) throw new UsageError(`unknown command "${[group, verb].filter(Boolean).join(' ')}"`);
  const run = command(parseArgs(rest));
  const { database, close } = await openDatabase();
  try {
    await run(database.db);
  } finally {
    await close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    if (error instanceof UsageError) {
      console.error(`apikeys: ${error.message}\n${USAGE}`);
      process.exit(2);
    }
    const known = error instanceof AdminError || error.name === 'RegistrationError';
    console.error(`apikeys: ${known ? error.message : `failed: ${error.message}`}`);
    process.exit(1);
  },
);
