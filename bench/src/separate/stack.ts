import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_DATABASE_URL, createTestDatabase, type TestDatabase } from '@psa/testing';
import { encodeIdentity } from '@psa/identity';
import { signBearerToken } from '@psa/gateway';
import { REGISTERED_SUBGRAPHS } from '../../../subgraphs/registry';
import { buildEverything, PEER_BUNDLES, ROOT } from './build';
import { seedOwners } from './seed';
import { answersReady, answersTypename, startService, type ServiceProcess } from './service-process';
import type { GatewayId } from './targets';
import type { BenchOwner } from './traffic';

/**
 * The stack the gateway benchmark and the soak measure: every registered subgraph from its production bundle,
 * each on a PostgreSQL database created for the run, with Kafka for their events (the gateway is not ready
 * while one is missing, and the divisions keep their copies as in production); the gateways asked for, each a
 * process of its own; seeded owners. Every port is BENCH_PORT_BASE (default 18400) plus an offset: subgraphs
 * 1.. in registry order, gateways 10..12, the bare HTTP hop 13.
 */
export interface BenchStack {
  runId: string;
  logDir: string;
  identitySecret: string;
  owners: BenchOwner[];
  databases: string[];
  /** Every registered subgraph by name; the benchmark's queries reach core and licensure. */
  subgraphs: { core: ServiceProcess; licensure: ServiceProcess } & Record<string, ServiceProcess>;
  gateways: Partial<Record<GatewayId, ServiceProcess>>;
  /** The broker's pid when run.sh started it (BENCH_KAFKA_PID_FILE), for its CPU. */
  kafkaPid: number | null;
  /** Stops a service and starts it again with extra node flags (--cpu-prof ...). */
  restart(service: 'core' | 'licensure' | GatewayId, nodeFlags: string[]): Promise<ServiceProcess>;
  close(): Promise<void>;
}

export interface StackOptions {
  gateways: GatewayId[];
  owners: number;
  petsEach: number;
  log: (line: string) => void;
}

const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 18400);
const SUBGRAPH_NAMES = REGISTERED_SUBGRAPHS.map((s) => s.name);
if (SUBGRAPH_NAMES.length > 9) throw new Error("bench/src/separate/stack.ts: more than 9 subgraphs would take the gateways' ports");
const PORTS: Record<string, number> = {
  ...Object.fromEntries(SUBGRAPH_NAMES.map((name, index) => [name, PORT_BASE + 1 + index])),
  ours: PORT_BASE + 10,
  stock: PORT_BASE + 11,
  hive: PORT_BASE + 12,
  hop: PORT_BASE + 13,
};
const SUPERGRAPH = join(ROOT, 'gateway', 'supergraph.graphql');

function kafkaPid(): number | null {
  const file = process.env.BENCH_KAFKA_PID_FILE;
  if (!file) return null;
  try {
    return Number(readFileSync(file, 'utf8').trim()) || null;
  } catch {
    return null;
  }
}

export async function startBenchStack({ gateways, owners, petsEach, log }: StackOptions): Promise<BenchStack> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the benchmark with bash bench/run.sh, which starts a broker');
  await buildEverything(log);
  const runId = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const logDir = join(ROOT, '.data', 'bench', runId);
  mkdirSync(logDir, { recursive: true });
  const identitySecret = randomBytes(32).toString('hex');
  const jwtSecret = randomBytes(32).toString('hex');
  const databases: Record<string, TestDatabase> = {};
  const services: ServiceProcess[] = [];
  const subgraphEnv = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `http://127.0.0.1:${PORTS[name]}/graphql`]));
  // Production settings for every process: no IDE, no introspection, Apollo's production defaults.
  const common = { NODE_ENV: 'production', IDENTITY_SIGNING_SECRET: identitySecret };

  const specs = (service: string, nodeFlags: string[]) => {
    const port = PORTS[service]!;
    const base = `http://127.0.0.1:${port}`;
    switch (service) {
      default: {
        const database = databases[service]!;
        // Topics and groups of this run only, on a broker that may hold others'.
        const env = { ...common, PORT: String(port), DATABASE_URL: database.url, KAFKA_BROKERS: brokers, KAFKA_NAMESPACE: `bench-${runId}.` };
        return {
          name: service,
          nodeArgs: [...nodeFlags, join(ROOT, '.build', `${service}.js`)],
          env,
          url: `${base}/graphql`,
          ready: answersReady(base),
          logDir,
        };
      }
      case 'ours':
        return {
          name: 'gateway-ours',
          nodeArgs: [...nodeFlags, join(ROOT, '.build', 'gateway.js')],
          env: { ...common, ...subgraphEnv, PORT: String(port), JWT_SECRET: jwtSecret, GATEWAY_DATABASE_URL: databases.gateway!.url },
          url: `${base}/graphql`,
          ready: answersReady(base),
          logDir,
        };
      case 'stock':
      case 'hive': {
        const file = join(PEER_BUNDLES, service === 'stock' ? 'stock-apollo.js' : 'hive.js');
        const url = `${base}/graphql`;
        const env = { ...common, ...subgraphEnv, PORT: String(port), SUPERGRAPH_PATH: SUPERGRAPH };
        return { name: `gateway-${service}`, nodeArgs: [...nodeFlags, file], env, url, ready: answersTypename(url), logDir };
      }
      case 'hop': {
        const env = { PORT: String(port), TARGET_URL: subgraphEnv.SUBGRAPH_CORE_URL! };
        return {
          name: 'bare-hop',
          nodeArgs: [...nodeFlags, join(PEER_BUNDLES, 'bare-hop.js')],
          env,
          url: `${base}/graphql`,
          ready: answersReady(base),
          logDir,
        };
      }
    }
  };

  const start = async (service: string, nodeFlags: string[] = []) => {
    const started = await startService(specs(service, nodeFlags));
    services.push(started);
    log(`${started.name} ready (pid ${started.pid}, ${started.url}; log ${started.logFile.replace(`${ROOT}/`, '')})`);
    return started;
  };

  const close = async () => {
    for (const service of [...services].reverse()) await service.stop();
    services.length = 0;
    for (const database of Object.values(databases)) await database.drop().catch((e: Error) => log(`could not drop ${database.name}: ${e.message}`));
  };

  try {
    for (const name of SUBGRAPH_NAMES) databases[name] = await createTestDatabase(`bench_${name}`);
    // Our gateway's own: API clients and keys (none in this run; requests come with owners' tokens).
    databases.gateway = await createTestDatabase('bench_gateway');
    log(`databases ${SUBGRAPH_NAMES.map((name) => databases[name]!.name).join(', ')} on ${new URL(ADMIN_DATABASE_URL).host}`);
    const subgraphs: Record<string, ServiceProcess> = {};
    for (const name of SUBGRAPH_NAMES) subgraphs[name] = await start(name);
    const seedStarted = performance.now();
    const seeded = await seedOwners(databases.core!.url, databases.licensure!.url, owners, petsEach);
    log(
      `seeded ${seeded.length} owners with ${petsEach} pets each (registry entry, licence, vaccination per pet) in ${Math.round(performance.now() - seedStarted)} ms`,
    );
    const benchOwners = await Promise.all(
      seeded.map(async (o) => ({
        ...o,
        token: await signBearerToken(jwtSecret, o.clerkId, [], '6h'),
        identity: encodeIdentity({ subject: o.clerkId, roles: [] }),
      })),
    );
    const running: Partial<Record<GatewayId, ServiceProcess>> = {};
    for (const gateway of gateways) running[gateway] = await start(gateway);
    const stack: BenchStack = {
      runId,
      logDir,
      identitySecret,
      owners: benchOwners,
      databases: SUBGRAPH_NAMES.map((name) => databases[name]!.name),
      subgraphs: subgraphs as BenchStack['subgraphs'],
      gateways: running,
      kafkaPid: kafkaPid(),
      restart: async (service, nodeFlags) => {
        const subgraph = service === 'core' || service === 'licensure' ? service : null;
        const old = subgraph ? stack.subgraphs[subgraph] : stack.gateways[service as GatewayId]!;
        await old.stop();
        services.splice(services.indexOf(old), 1);
        const fresh = await start(service, nodeFlags);
        if (subgraph) stack.subgraphs[subgraph] = fresh;
        else stack.gateways[service as GatewayId] = fresh;
        return fresh;
      },
      close,
    };
    return stack;
  } catch (error) {
    await close();
    throw error;
  }
}
