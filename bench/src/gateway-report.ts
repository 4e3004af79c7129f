import { REGISTERED_SUBGRAPHS } from '../../subgraphs/registry';
import type { Median } from './gateway';
import type { Table } from './results';
import type { ProfileSummary } from './separate/cpu-profile';
import type { Profiles } from './separate/profile-run';
import { TRAFFICS, OPERATIONS } from './separate/traffic';

interface GatewayFigures {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  owners: number;
  petsPerOwner: number;
  medians: Median[];
  peakRssMiB: Record<string, number>;
  idleSeconds: number;
  idleCpuMsPerSecond: Record<string, number>;
  profiles: Profiles;
}

const PROCESS_COLUMNS = ['gateway', 'core', 'licensure', 'other subgraphs', 'postgres', 'kafka', 'load generator'] as const;
const PROCESS_TITLES: Record<(typeof PROCESS_COLUMNS)[number], string> = {
  gateway: 'gateway',
  core: 'core',
  licensure: 'licensure',
  'other subgraphs': REGISTERED_SUBGRAPHS.map((s) => s.name)
    .filter((name) => name !== 'core' && name !== 'licensure')
    .join(', '),
  postgres: 'PostgreSQL backends',
  kafka: 'Kafka broker',
  'load generator': 'load generator',
};

const total = (m: Median) =>
  Number(
    Object.values(m.cpuMsPerRequestByProcess)
      .reduce((a, b) => a + b, 0)
      .toFixed(2),
  );

function ratios(medians: Median[]): string[] {
  const notes: string[] = [];
  const ratio = (a?: number, b?: number) => (a && b ? (a / b).toFixed(2) : '-');
  for (const traffic of TRAFFICS) {
    for (const operation of OPERATIONS) {
      const of = (targetId: string) => medians.find((m) => m.traffic === traffic && m.operation === operation && m.targetId === targetId);
      const [ours, stock, hive, direct, hop] = ['ours', 'stock', 'hive', 'direct', 'hop'].map(of);
      if (!ours) continue;
      const parts = [
        `req/s ours/stock ${ratio(ours.requestsPerSecond, stock?.requestsPerSecond)}, ours/Hive ${ratio(ours.requestsPerSecond, hive?.requestsPerSecond)}`,
        ...(direct ? [`ours/direct ${ratio(ours.requestsPerSecond, direct.requestsPerSecond)}`] : []),
        ...(direct && hop ? [`bare HTTP hop/direct ${ratio(hop.requestsPerSecond, direct.requestsPerSecond)}`] : []),
        `gateway CPU per request ours/stock ${ratio(ours.cpuMsPerRequest, stock?.cpuMsPerRequest)}, ours/Hive ${ratio(ours.cpuMsPerRequest, hive?.cpuMsPerRequest)}`,
      ];
      notes.push(`${traffic} ${operation}: ${parts.join('; ')}`);
    }
  }
  return notes;
}

function framesTable(title: string, profile: ProfileSummary, cpu: { ms: number; systemPercent: number }): Table {
  const packages = profile.byPackage
    .slice(0, 8)
    .map((p) => `${p.package} ${p.percent} %`)
    .join(', ');
  return {
    title,
    columns: ['function', 'file', 'self ms sampled', '% of busy samples'],
    rows: profile.topFrames.map((f) => [`\`${f.function}\``, f.file || '(native)', f.selfMs, f.percent]),
    notes: [
      `Busy samples ${profile.busyMs} ms in a ${profile.windowMs} ms window; by /proc the process used ${cpu.ms} ms of CPU per request, ${cpu.systemPercent} % of it in the kernel. V8 samples on wall-clock time, so on this shared machine a thread waiting for a core keeps collecting samples in its current frame: system calls such as \`writev\` get more samples than the kernel's share of the CPU. Self time by package: ${packages}.`,
    ],
  };
}

/** The gateway section's tables for latest.md: the headline, CPU per process, memory, profiles. */
export function gatewayTables(f: GatewayFigures): { table: Table; more: Table[] } {
  const ordered = TRAFFICS.flatMap((traffic) => f.medians.filter((m) => m.traffic === traffic));
  const table: Table = {
    title: `Gateway, every process on its own: requests/s, latency, CPU per request (${f.owners} owners × ${f.petsPerOwner} pets; median of ${f.rounds} interleaved rounds; autocannon in its own process, ${f.connections} connections, ${f.durationSeconds} s after ${f.warmupSeconds} s warm-up)`,
    columns: ['traffic', 'operation', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'gateway CPU ms/req', 'all processes CPU ms/req', "others' load, cores"],
    rows: ordered.map((m) => [
      m.traffic,
      m.operation,
      m.target,
      m.requestsPerSecond,
      m.p50,
      m.p99,
      m.errors,
      m.targetId === 'direct' ? `(core) ${m.cpuMsPerRequest}` : m.cpuMsPerRequest,
      total(m),
      m.othersCores,
    ]),
    notes: [
      "Ours verifies each request's JWT (HS256) and signs the identity per subgraph call. The stock gateway and Hive Gateway verify no JWT: they read the identity, unsigned, from a header the load generator sends, and sign it per subgraph call (the one change from their defaults). The direct target is core called with an identity the load generator signs for it.",
      '"others\' load": CPU cores, on average over the timed window, that processes not part of the benchmark kept busy (other people\'s test suites and brokers on this 2-core machine; /proc/stat less the measured processes). Rows with more of it were measured on a busier machine.',
      '`varied`: each request a random owner of the 200, their own credentials, one of their pets. `identical`: one owner, one pet, one token. `mixed`: 45 % `single`, 45 % `cross`, 10 % `updatePet` (weight). Errors: failed, non-2xx, or answers with GraphQL errors, summed over the rounds.',
      ...ratios(f.medians),
    ],
  };
  const cpu: Table = {
    title: 'CPU milliseconds per request, by process (utime + stime from /proc over the timed window, divided by the requests answered)',
    columns: ['traffic', 'operation', 'target', ...PROCESS_COLUMNS.map((c) => PROCESS_TITLES[c]), 'total'],
    rows: ordered.map((m) => [
      m.traffic,
      m.operation,
      m.target,
      ...PROCESS_COLUMNS.map((c) =>
        m.cpuMsPerRequestByProcess[c] === undefined ? '-' : `${m.cpuMsPerRequestByProcess[c]} (${m.systemPercentByProcess[c]} % sys)`,
      ),
      total(m),
    ]),
    notes: [
      "\"sys\": the share of that CPU spent in the kernel (system calls; on loopback the kernel does much of the TCP work of both ends inside the sender's call). Each process's figure includes its background work over the window (core's outbox relay polls every 100 ms, licensure's projector and the broker talk all the time), which weighs more per request at lower rates.",
      "PostgreSQL: the backends connected to the run's subgraph databases (pg_stat_activity); the server's shared processes (WAL writer, checkpointer) serve every database on it and are left out. Kafka: the broker run.sh started (core's relay and licensure's projector talk to it all the time, writes or not).",
    ],
  };
  const memory: Table = {
    title: 'Peak resident memory per process over the run (VmHWM, MiB; postgres: its largest backend, shared buffers included)',
    columns: ['process', 'peak RSS MiB'],
    rows: Object.entries(f.peakRssMiB).map(([name, mib]) => [name, mib]),
  };
  const idle: Table = {
    title: `CPU with no requests, ms per second, by process (${f.idleSeconds} s before the first round)`,
    columns: ['process', 'CPU ms/s'],
    rows: Object.entries(f.idleCpuMsPerSecond).map(([name, ms]) => [name === 'other subgraphs' ? PROCESS_TITLES[name] : name, ms]),
    notes: [
      "Each subgraph polls its outbox every 100 ms (one indexed read) and keeps its Kafka consumers fetching and heartbeating. Under load this is part of each process's CPU per request above.",
    ],
  };
  const p = f.profiles;
  return {
    table,
    more: [
      cpu,
      idle,
      memory,
      framesTable(
        `Our gateway's CPU profile, ${p.scenario} (${p.seconds} s at ${p.requestsPerSecond} req/s, node --cpu-prof): top self time by function and file`,
        p.gateway,
        p.cpu.gateway,
      ),
      framesTable(`Core's CPU profile, same run: top self time by function and file`, p.core, p.cpu.core),
    ],
  };
}
