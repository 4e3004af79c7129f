/**
 * The stack as production runs it, on this machine: every subgraph and the gateway as a process of its own,
 * each subgraph on a PostgreSQL database of its own, events through a real Kafka broker. Started by
 * `bash scripts/start.sh services`; SIGINT or SIGTERM to that PID stops the gateway, then the subgraphs, then
 * the broker it started, and exits 0. A service that dies stops the rest (exit 1).
 *
 * PostgreSQL: PSA_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is the server; each
 * subgraph gets database <PSA_DATABASE_PREFIX><name> (default psa_core, psa_licensure, ...) and the gateway
 * <PSA_DATABASE_PREFIX>gateway, created when missing and kept between runs. REDIS_URL, when set, reaches the
 * gateway. Kafka: KAFKA_BROKERS when set, otherwise infra/kafka/kafka.sh starts one
 * (KAFKA_PORT, default 19092) and keeps its data between runs. Ports: the gateway on PORT (default 4000), the
 * subgraphs on their registered ports plus PSA_PORT_OFFSET (default 0). Secrets: JWT_SECRET and
 * IDENTITY_SIGNING_SECRET, or generated once into .data/services/secrets.json.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { SUBGRAPHS } from './lib/subgraphs';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);
const log = (line: string) => console.log(`services: ${line}`);

interface Config {
  postgresUrl: string;
  databasePrefix: string;
  gatewayPort: number;
  portOffset: number;
  jwtSecret: string;
  identitySecret: string;
}

function readConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const postgresUrl = env.PSA_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!/^postgres(ql)?:\/\//.test(postgresUrl)) problems.push(`PSA_POSTGRES_URL must be a postgres:// URL, got "${postgresUrl}"`);
  const databasePrefix = env.PSA_DATABASE_PREFIX ?? 'psa_';
  if (!/^[a-z_][a-z0-9_]*$/.test(databasePrefix)) problems.push(`PSA_DATABASE_PREFIX must be lower-case letters, digits and _, got "${databasePrefix}"`);
  const gatewayPort = Number(env.PORT ?? 4000);
  if (!Number.isInteger(gatewayPort) || gatewayPort < 1 || gatewayPort > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
  const portOffset = Number(env.PSA_PORT_OFFSET ?? 0);
  if (!Number.isInteger(portOffset) || portOffset < 0 || portOffset > 60000)
    problems.push(`PSA_PORT_OFFSET must be a whole number, got "${env.PSA_PORT_OFFSET}"`);
  if (problems.length > 0) throw new Error(`services cannot start:\n  - ${problems.join('\n  - ')}`);
  const secretsFile = join(ROOT, '.data', 'services', 'secrets.json');
  mkdirSync(join(ROOT, '.data', 'services'), { recursive: true });
  const stored = existsSync(secretsFile) ? (JSON.parse(readFileSync(secretsFile, 'utf8')) as Partial<Config>) : {};
  const jwtSecret = env.JWT_SECRET || stored.jwtSecret || randomBytes(32).toString('hex');
  const identitySecret = env.IDENTITY_SIGNING_SECRET || stored.identitySecret || randomBytes(32).toString('hex');
  if (!existsSync(secretsFile)) writeFileSync(secretsFile, JSON.stringify({ jwtSecret, identitySecret }), { mode: 0o600 });
  return { postgresUrl, databasePrefix, gatewayPort, portOffset, jwtSecret, identitySecret };
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (rowCount === 0) {
      await client.query(`create database "${database}"`);
      log(`created database ${database}`);
    }
  } finally {
    await client.end();
  }
}

async function waitUntilReady(name: string, base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting`);
    try {
      if ((await fetch(`${base}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} not ready at ${base}/ready after 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Each line a child prints, prefixed with its name. */
function pipeWithPrefix(name: string, child: ChildProcess): void {
  for (const stream of [child.stdout!, child.stderr!]) {
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) console.log(`[${name}] ${line}`);
    });
  }
}

async function main() {
  const config = readConfig(process.env);
  const children: { name: string; child: ChildProcess }[] = [];
  let kafkaStarted = false;
  let stopping = false;

  const stopAll = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    for (const { child } of [...children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (kafkaStarted) await run('bash', [join(ROOT, 'infra/kafka/kafka.sh'), 'stop', '--keep-data']).catch((e: Error) => console.error(e.message));
    log(`stopped on ${reason}`);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll('SIGINT', 0));
  process.on('SIGTERM', () => void stopAll('SIGTERM', 0));

  try {
    await startAll();
  } catch (error) {
    console.error(`services: ${(error as Error).message}`);
    await stopAll('a failed start', 1);
  }

  async function startAll() {
    let brokers = process.env.KAFKA_BROKERS;
    if (!brokers) {
      log('starting a Kafka broker (infra/kafka/kafka.sh; the first time fetches its jars, about 30 s)');
      const { stdout } = await run('bash', [join(ROOT, 'infra/kafka/kafka.sh'), 'start'], { timeout: 300_000 });
      kafkaStarted = true;
      brokers = /KAFKA_BROKERS=(\S+)/.exec(stdout)?.[1];
      if (!brokers) throw new Error(`kafka.sh start printed no KAFKA_BROKERS: ${stdout}`);
    }

    const launch = (name: string, env: Record<string, string>) => {
      const child = spawn(process.execPath, [join(ROOT, '.build', `${name}.js`)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      pipeWithPrefix(name, child);
      children.push({ name, child });
      child.once('exit', (code, signal) => {
        if (!stopping) {
          console.error(`services: ${name} exited (${signal ?? code}); stopping the rest`);
          void stopAll(`${name} exiting`, 1);
        }
      });
      return child;
    };

    const subgraphUrls: Record<string, string> = {};
    for (const { subgraph, port } of SUBGRAPHS) {
      const database = `${config.databasePrefix}${subgraph.name}`;
      await ensureDatabase(config.postgresUrl, database);
      const servicePort = port + config.portOffset;
      const child = launch(subgraph.name, {
        DATABASE_URL: databaseUrl(config.postgresUrl, database),
        PORT: String(servicePort),
        IDENTITY_SIGNING_SECRET: config.identitySecret,
        KAFKA_BROKERS: brokers,
      });
      await waitUntilReady(subgraph.name, `http://127.0.0.1:${servicePort}`, child);
      subgraphUrls[`SUBGRAPH_${subgraph.name.toUpperCase()}_URL`] = `http://127.0.0.1:${servicePort}/graphql`;
    }
    const gatewayDatabase = `${config.databasePrefix}gateway`;
    await ensureDatabase(config.postgresUrl, gatewayDatabase);
    const gateway = launch('gateway', {
      PORT: String(config.gatewayPort),
      JWT_SECRET: config.jwtSecret,
      IDENTITY_SIGNING_SECRET: config.identitySecret,
      GATEWAY_DATABASE_URL: databaseUrl(config.postgresUrl, gatewayDatabase),
      ...subgraphUrls,
    });
    await waitUntilReady('gateway', `http://127.0.0.1:${config.gatewayPort}`, gateway);
    const pids = children.map(({ name, child }) => `${name} ${child.pid}`).join(', ');
    console.log(
      [
        '',
        `Pet Solutions Alliance supergraph (separate processes) is ready: http://127.0.0.1:${config.gatewayPort}/graphql`,
        `Processes: ${pids}; Kafka at ${brokers}; databases ${[...SUBGRAPHS.map((s) => s.subgraph.name), 'gateway'].map((name) => config.databasePrefix + name).join(', ')}`,
        'A token for any subject and roles:  PSA_DATA_DIR=.data/services pnpm --silent token <subject> [--roles admin]',
        `API clients and keys:  GATEWAY_DATABASE_URL=${databaseUrl(config.postgresUrl, gatewayDatabase)} pnpm --silent apikeys <command>`,
        `Ctrl-C (or SIGTERM to PID ${process.pid}) stops everything.`,
        '',
      ].join('\n'),
    );
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
