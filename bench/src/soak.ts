/**
 * Memory over a long run: our gateway and the subgraphs (each a process of their own, as in the gateway part)
 * under `varied` `mixed` traffic at half the highest rate our gateway sustains, measured first in short
 * unthrottled probes (BENCH_SOAK_RATE sets the rate instead). Resident memory of each process is read every 10 s; the results give it at the start and
 * the end of the soak, its range, and its trend over the run after the first minute. Resident memory rises and
 * falls with the collector's timing, so the processes also run under node --trace-gc: the heap each full
 * collection leaves is what they really hold, and its trend says whether anything accumulates.
 */
import { log, saveSection } from './results';
import { LoadGenerator } from './separate/load-client';
import type { Scenario } from './separate/load-protocol';
import { fullGcsSince, logOffset } from './separate/gc-trace';
import { memory } from './separate/proc';
import { startBenchStack } from './separate/stack';
import { slope } from './separate/stats';

const SOAK_S = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const PROBE_S = Number(process.env.BENCH_SOAK_PROBE_SECONDS ?? 5);
const PROBES = 3;
const SAMPLE_EVERY_S = 10;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

interface Series {
  process: string;
  points: { seconds: number; rssMiB: number }[];
}

export async function benchSoak(): Promise<void> {
  const stack = await startBenchStack({ gateways: ['ours'], owners: 200, petsEach: 5, log });
  const loader = await LoadGenerator.start(stack.owners, stack.identitySecret);
  try {
    // When each traced process started, on this process's clock: --trace-gc times are since the process's start.
    const startedAt: Record<string, number> = {};
    const traceGc = (name: string, service: 'ours' | 'core' | 'licensure') => {
      startedAt[name] = performance.now();
      return stack.restart(service, ['--trace-gc']);
    };
    const traced = { gateway: await traceGc('gateway', 'ours'), core: await traceGc('core', 'core'), licensure: await traceGc('licensure', 'licensure') };
    const scenario: Scenario = { target: { url: traced.gateway.url, auth: 'bearer' }, traffic: 'varied', operation: 'mixed' };
    await loader.check(scenario);
    await loader.load(scenario, 3, CONNECTIONS);
    // The best of a few short probes: on a shared machine one probe can land on someone else's burst.
    const probes = [];
    for (let i = 0; i < PROBES; i++) probes.push((await loader.load(scenario, PROBE_S, CONNECTIONS)).requestsPerSecond);
    const highest = Math.max(...probes);
    const rate = Number(process.env.BENCH_SOAK_RATE ?? 0) || Math.max(1, Math.round(highest / 2));
    log(
      `highest rate of ours under varied mixed: ${highest} req/s (best of ${probes.join(', ')}; ${PROBE_S} s probes); soaking at ${rate} req/s for ${SOAK_S} s`,
    );
    const probe = { requestsPerSecond: highest, probes };
    const processes = { gateway: traced.gateway.pid, core: traced.core.pid, licensure: traced.licensure.pid };
    const logsFrom = Object.fromEntries(Object.entries(traced).map(([name, service]) => [name, logOffset(service.logFile)]));
    const series: Series[] = Object.keys(processes).map((name) => ({ process: name, points: [] }));
    const started = performance.now();
    const sample = () => {
      const seconds = Math.round((performance.now() - started) / 1000);
      for (const s of series) s.points.push({ seconds, rssMiB: memory(processes[s.process as keyof typeof processes])?.rssMiB ?? NaN });
    };
    sample();
    const timer = setInterval(() => {
      sample();
      const seconds = series[0]!.points.at(-1)!.seconds;
      if (seconds % 60 === 0) log(`soak ${seconds}/${SOAK_S} s: RSS ${series.map((s) => `${s.process} ${s.points.at(-1)!.rssMiB} MiB`).join(', ')}`);
    }, SAMPLE_EVERY_S * 1000);
    const result = await loader.load(scenario, SOAK_S, CONNECTIONS, rate).finally(() => clearInterval(timer));
    sample();
    const summaries = series.map(({ process, points }) => {
      const settled = points.filter((p) => p.seconds >= 60);
      // The soak's full collections, on the soak's clock (within a second or so: the process's clock starts as it does).
      const gcs = fullGcsSince(traced[process as keyof typeof traced].logFile, logsFrom[process]!);
      const soakStartMs = started - startedAt[process]!;
      const liveHeap = gcs.map((gc) => ({ minutes: (gc.atMs - soakStartMs) / 60_000, mib: gc.heapAfterMiB }));
      const settledHeap = liveHeap.filter((gc) => gc.minutes >= 1);
      return {
        process,
        startMiB: points[0]!.rssMiB,
        endMiB: points.at(-1)!.rssMiB,
        minMiB: Math.min(...points.map((p) => p.rssMiB)),
        maxMiB: Math.max(...points.map((p) => p.rssMiB)),
        // MiB per minute after the first minute: flat is about 0.
        trendMiBPerMinute: Number(slope(settled.map((p) => ({ x: p.seconds / 60, y: p.rssMiB }))).toFixed(2)),
        fullCollections: liveHeap.length,
        heapAfterFirstFullGcMiB: liveHeap[0]?.mib ?? null,
        heapAfterLastFullGcMiB: liveHeap.at(-1)?.mib ?? null,
        heapAfterFullGcTrendMiBPerMinute: settledHeap.length >= 2 ? Number(slope(settledHeap.map((gc) => ({ x: gc.minutes, y: gc.mib }))).toFixed(2)) : null,
      };
    });
    for (const s of summaries)
      log(
        `${s.process}: RSS ${s.startMiB} → ${s.endMiB} MiB (range ${s.minMiB}–${s.maxMiB}, trend ${s.trendMiBPerMinute} MiB/min after the first minute); ` +
          `heap after ${s.fullCollections} full collections ${s.heapAfterFirstFullGcMiB} → ${s.heapAfterLastFullGcMiB} MiB (trend ${s.heapAfterFullGcTrendMiBPerMinute} MiB/min)`,
      );
    saveSection('soak', {
      figures: {
        process: 'separate',
        scenario: 'varied mixed via ours',
        seconds: SOAK_S,
        probeRequestsPerSecond: probe.requestsPerSecond,
        probes: probe.probes,
        rate,
        result,
        summaries,
        series,
      },
      table: {
        title: `Soak: resident memory over ${SOAK_S / 60} minutes of varied mixed traffic through ours at ${rate} req/s (half of the ${probe.requestsPerSecond} req/s it reached, best of ${PROBES} probes of ${PROBE_S} s)`,
        columns: [
          'process',
          'RSS at start MiB',
          'RSS at end MiB',
          'min–max MiB',
          'RSS trend after 1st minute, MiB/min',
          'full collections',
          'heap after first → last full collection MiB',
          'its trend after 1st minute, MiB/min',
        ],
        rows: summaries.map((s) => [
          s.process,
          s.startMiB,
          s.endMiB,
          `${s.minMiB}–${s.maxMiB}`,
          s.trendMiBPerMinute,
          s.fullCollections,
          `${s.heapAfterFirstFullGcMiB ?? '–'} → ${s.heapAfterLastFullGcMiB ?? '–'}`,
          s.heapAfterFullGcTrendMiBPerMinute ?? '–',
        ]),
        notes: [
          `Served ${result.requestsPerSecond} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors} (${result.requests} requests). RSS read every ${SAMPLE_EVERY_S} s from /proc; start is the moment the soak began (processes already warm from the probe).`,
          'Heap after a full collection: what the V8 heap still held after each mark-compact the process ran during the soak (node --trace-gc); resident memory between collections also holds garbage not yet collected, so its range shows the collector at work, and only this figure growing would show memory being kept.',
        ],
      },
    });
  } finally {
    await loader.stop();
    await stack.close();
  }
}
