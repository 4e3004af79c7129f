/**
 * Gateway throughput, latency and CPU per request, every process on its own: core and licensure (production
 * bundles, real PostgreSQL databases made for the run, Kafka for their events), our gateway, the stock
 * @apollo/gateway, Hive Gateway, and the load generator. 200 owners with 5 pets each; `varied` traffic (a random
 * owner per request, with their own credentials and pets) is the headline, `identical` (one owner, one pet) the
 * second scenario. Rounds over every (traffic, operation, target), interleaved so drift in the machine's load
 * spreads over all targets; CPU read from /proc for each process at the start and end of every timed window.
 * Then one extra run of `varied` `cross` with our gateway and core under node --cpu-prof.
 */
import { ADMIN_DATABASE_URL } from '@psa/testing';
import { gatewayTables } from './gateway-report';
import { log, saveSection } from './results';
import { cpuBetween, peakMemory, readCpu, type ProcessGroups } from './separate/cpu-meter';
import { LoadGenerator } from './separate/load-client';
import type { LoadResult, Scenario } from './separate/load-protocol';
import { PostgresBackends } from './separate/postgres-backends';
import { profileOursUnderLoad } from './separate/profile-run';
import { startBenchStack, type BenchStack } from './separate/stack';
import { median } from './separate/stats';
import { TARGETS, type GatewayId, type TargetId } from './separate/targets';
import { OPERATIONS, TRAFFICS, type Operation, type Traffic } from './separate/traffic';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 6);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FIRST_WARMUP_S = Number(process.env.BENCH_FIRST_WARMUP ?? 5);
const OWNERS = Number(process.env.BENCH_OWNERS ?? 200);
const PETS_EACH = 5;
const PROFILE_S = Number(process.env.BENCH_PROFILE_SECONDS ?? 10);
const IDLE_S = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
/**
 * A before/after of one change needs only some of the runs: BENCH_TARGETS=ours,direct BENCH_OPERATIONS=single
 * BENCH_TRAFFIC=varied. A narrowed run prints its medians and leaves bench/results/ as it was.
 */
const only = (name: string) =>
  process.env[name]
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const ONLY = { targets: only('BENCH_TARGETS'), operations: only('BENCH_OPERATIONS'), traffic: only('BENCH_TRAFFIC') };
const NARROWED = Boolean(ONLY.targets || ONLY.operations || ONLY.traffic);

export interface Sample extends LoadResult {
  round: number;
  traffic: Traffic;
  operation: Operation;
  targetId: TargetId;
  /** CPU ms per answered request of each process in the timed window. */
  cpuMsPerRequestByProcess: Record<string, number>;
  /** Percent of each process's CPU spent in the kernel (system time). */
  systemPercentByProcess: Record<string, number>;
  /** CPU cores, on average over the window, that other people's processes on the machine kept busy. */
  othersCores: number;
}

export interface Median {
  operation: Operation;
  target: string;
  targetId: TargetId;
  traffic: Traffic;
  process: 'separate';
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Summed over the rounds, so one bad round shows. */
  errors: number;
  /** The gateway's CPU ms per request; for the direct target, core's. */
  cpuMsPerRequest: number;
  cpuMsPerRequestByProcess: Record<string, number>;
  systemPercentByProcess: Record<string, number>;
  othersCores: number;
}

/** Every process whose CPU a request costs, by the name the results give it. */
function processGroups(stack: BenchStack, target: TargetId, backends: PostgresBackends, loadGeneratorPid: number): ProcessGroups {
  const groups: ProcessGroups = {};
  if (target !== 'direct') groups.gateway = () => [stack.gateways[target]!.pid];
  groups.core = () => [stack.subgraphs.core.pid];
  groups.licensure = () => [stack.subgraphs.licensure.pid];
  // The divisions the queries do not reach still follow core's events, as in production.
  groups['other subgraphs'] = () =>
    Object.entries(stack.subgraphs)
      .filter(([name]) => name !== 'core' && name !== 'licensure')
      .map(([, service]) => service.pid);
  groups.postgres = () => backends.pids();
  if (stack.kafkaPid) groups.kafka = () => [stack.kafkaPid!];
  groups['load generator'] = () => [loadGeneratorPid];
  return groups;
}

/**
 * CPU each process spends with no request at all, in ms per second: pollers, consumers, heartbeats and timers.
 * Under load it is part of every per-request figure, more so at lower rates, and every division pays it.
 */
async function measureIdle(stack: BenchStack, backends: PostgresBackends, loadGeneratorPid: number): Promise<Record<string, number>> {
  const groups = processGroups(stack, 'direct', backends, loadGeneratorPid);
  for (const [id, gateway] of Object.entries(stack.gateways)) groups[`gateway: ${TARGETS[id as GatewayId].label}`] = () => [gateway.pid];
  // The checks' last requests settle first (pools, pending commits).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const before = await readCpu(groups);
  await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
  const used = cpuBetween(before, await readCpu(groups));
  const idle = Object.fromEntries(Object.entries(used.byName).map(([name, { ms }]) => [name, round1((ms * 1000) / used.windowMs)]));
  log(
    `idle for ${IDLE_S} s, CPU ms per second: ${Object.entries(idle)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ')}`,
  );
  return idle;
}

const scenarioOf = (stack: BenchStack, targetId: TargetId, traffic: Traffic, operation: Operation): Scenario => ({
  target: { url: targetId === 'direct' ? stack.subgraphs.core.url : stack.gateways[targetId]!.url, auth: TARGETS[targetId].auth },
  traffic,
  operation,
});

function everyRun(): { traffic: Traffic; operation: Operation; targetId: TargetId }[] {
  const runs: { traffic: Traffic; operation: Operation; targetId: TargetId }[] = [];
  for (const traffic of TRAFFICS)
    for (const operation of OPERATIONS)
      for (const targetId of Object.keys(TARGETS) as TargetId[])
        if (TARGETS[targetId].operations.includes(operation)) runs.push({ traffic, operation, targetId });
  return runs.filter(
    (r) =>
      (!ONLY.targets || ONLY.targets.includes(r.targetId)) &&
      (!ONLY.operations || ONLY.operations.includes(r.operation)) &&
      (!ONLY.traffic || ONLY.traffic.includes(r.traffic)),
  );
}

function medians(samples: Sample[]): Median[] {
  const result: Median[] = [];
  for (const { traffic, operation, targetId } of everyRun()) {
    const mine = samples.filter((s) => s.traffic === traffic && s.operation === operation && s.targetId === targetId);
    if (mine.length === 0) continue;
    const byProcess: Record<string, number> = {};
    const systemPercent: Record<string, number> = {};
    for (const name of Object.keys(mine[0]!.cpuMsPerRequestByProcess)) {
      byProcess[name] = round2(median(mine.map((s) => s.cpuMsPerRequestByProcess[name] ?? 0)));
      systemPercent[name] = Math.round(median(mine.map((s) => s.systemPercentByProcess[name] ?? 0)));
    }
    result.push({
      operation,
      target: TARGETS[targetId].label,
      targetId,
      traffic,
      process: 'separate',
      requestsPerSecond: round1(median(mine.map((s) => s.requestsPerSecond))),
      p50: median(mine.map((s) => s.p50)),
      p99: median(mine.map((s) => s.p99)),
      errors: mine.reduce((sum, s) => sum + s.errors, 0),
      cpuMsPerRequest: byProcess[targetId === 'direct' ? 'core' : 'gateway']!,
      cpuMsPerRequestByProcess: byProcess,
      systemPercentByProcess: systemPercent,
      othersCores: round2(median(mine.map((s) => s.othersCores))),
    });
  }
  return result;
}

const round1 = (n: number) => Number(n.toFixed(1));
const round2 = (n: number) => Number(n.toFixed(2));

export async function benchGateway(): Promise<void> {
  const gateways = (['ours', 'stock', 'hive', 'hop'] as const).filter((g) => !ONLY.targets || ONLY.targets.includes(g));
  const stack = await startBenchStack({ gateways: [...gateways], owners: OWNERS, petsEach: PETS_EACH, log });
  const backends = await PostgresBackends.connect(ADMIN_DATABASE_URL, stack.databases);
  const loader = await LoadGenerator.start(stack.owners, stack.identitySecret);
  log(`load generator pid ${loader.pid}${stack.kafkaPid ? `, Kafka broker pid ${stack.kafkaPid}` : ' (Kafka broker not ours: its CPU is not measured)'}`);
  try {
    const runs = everyRun();
    // Every target must answer every kind of request correctly, and each owner with their own data, before
    // anything is timed.
    for (const run of runs) await loader.check(scenarioOf(stack, run.targetId, run.traffic, run.operation));
    for (const targetId of new Set(runs.map((r) => r.targetId))) await loader.isolation(scenarioOf(stack, targetId, 'varied', 'single').target);
    log(
      `all ${runs.length} (traffic, operation, target) combinations answer correctly; ${ROUNDS} rounds of ${WARMUP_S} s warm-up + ${DURATION_S} s timed, ${CONNECTIONS} connections`,
    );
    const idleCpuMsPerSecond = await measureIdle(stack, backends, loader.pid);
    // Fresh processes answer their first thousands of requests slower (JIT, PostgreSQL's cached plans, pools
    // filling): the first of several rounds came out up to half as fast. Every combination is warmed once first.
    log(`warming every combination for ${FIRST_WARMUP_S} s before the first round`);
    for (const { traffic, operation, targetId } of runs) await loader.load(scenarioOf(stack, targetId, traffic, operation), FIRST_WARMUP_S, CONNECTIONS);
    const samples: Sample[] = [];
    const peakRssMiB: Record<string, number> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [index, { traffic, operation, targetId }] of runs.entries()) {
        const scenario = scenarioOf(stack, targetId, traffic, operation);
        const groups = processGroups(stack, targetId, backends, loader.pid);
        await loader.load(scenario, WARMUP_S, CONNECTIONS);
        const before = await readCpu(groups);
        const result = await loader.load(scenario, DURATION_S, CONNECTIONS);
        const after = await readCpu(groups);
        const used = cpuBetween(before, after);
        const cpuMsPerRequestByProcess: Record<string, number> = {};
        const systemPercentByProcess: Record<string, number> = {};
        for (const [name, { ms, systemMs }] of Object.entries(used.byName)) {
          cpuMsPerRequestByProcess[name] = round2(ms / Math.max(1, result.requests));
          systemPercentByProcess[name] = Math.round((100 * systemMs) / Math.max(1, ms));
        }
        const othersCores = round2(used.othersMs / used.windowMs);
        // Each gateway under its own name; PostgreSQL's figure is its largest backend (they share the buffer cache).
        const { gateway, ...shared } = groups;
        const peaks = await peakMemory({ ...shared, ...(gateway ? { [`gateway: ${TARGETS[targetId].label}`]: gateway } : {}) });
        for (const [name, mib] of Object.entries(peaks)) peakRssMiB[name] = Math.max(peakRssMiB[name] ?? 0, mib);
        samples.push({ round, traffic, operation, targetId, ...result, cpuMsPerRequestByProcess, systemPercentByProcess, othersCores });
        const cpuLine = Object.entries(cpuMsPerRequestByProcess)
          .map(([name, ms]) => `${name} ${ms}`)
          .join(', ');
        log(
          `round ${round}/${ROUNDS} [${index + 1}/${runs.length}] ${traffic} ${operation} via ${TARGETS[targetId].label}: ${result.requestsPerSecond} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}; CPU ms/request: ${cpuLine}; others kept ${othersCores} cores busy`,
        );
        if (result.firstError) log(`  first error: ${result.firstError}`);
      }
    }
    if (NARROWED) {
      for (const m of medians(samples))
        log(
          `median ${m.traffic} ${m.operation} via ${m.target}: ${m.requestsPerSecond} req/s, p50 ${m.p50} ms, CPU ms/request ${JSON.stringify(m.cpuMsPerRequestByProcess)}`,
        );
      log('narrowed run (BENCH_TARGETS/BENCH_OPERATIONS/BENCH_TRAFFIC): bench/results/ left as it was');
      // BENCH_PROFILE=1 adds the profiles of our gateway and core under varied cross (BENCH_PROFILE_OPERATION), printed only.
      if (process.env.BENCH_PROFILE === '1' && stack.gateways.ours) {
        const operation = (process.env.BENCH_PROFILE_OPERATION ?? 'cross') as Operation;
        if (!OPERATIONS.includes(operation)) throw new Error(`BENCH_PROFILE_OPERATION must be one of ${OPERATIONS.join(', ')}`);
        await profileOursUnderLoad(stack, loader, { warmupSeconds: WARMUP_S, seconds: PROFILE_S, connections: CONNECTIONS, log, operation });
      }
      return;
    }
    log(`profiling our gateway and core under varied cross (${PROFILE_S} s, node --cpu-prof)`);
    const profiles = await profileOursUnderLoad(stack, loader, { warmupSeconds: WARMUP_S, seconds: PROFILE_S, connections: CONNECTIONS, log });
    const runMedians = medians(samples);
    const figures = {
      process: 'separate' as const,
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      warmupSeconds: WARMUP_S,
      firstWarmupSeconds: FIRST_WARMUP_S,
      rounds: ROUNDS,
      owners: OWNERS,
      petsPerOwner: PETS_EACH,
      medians: runMedians,
      peakRssMiB,
      idleSeconds: IDLE_S,
      idleCpuMsPerSecond,
      profiles,
      samples,
    };
    saveSection('gateway', { figures, ...gatewayTables(figures) });
  } finally {
    await loader.stop();
    await backends.close();
    await stack.close();
  }
}
