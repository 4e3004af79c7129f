import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpuBetween, readCpu } from './cpu-meter';
import { summariseProfile, type ProfileSummary } from './cpu-profile';
import type { LoadGenerator } from './load-client';
import type { Scenario } from './load-protocol';
import type { BenchStack } from './stack';

export interface ProfiledCpu {
  /** CPU ms per request. */
  ms: number;
  /** Of it, percent in the kernel. */
  systemPercent: number;
}

export interface Profiles {
  scenario: string;
  seconds: number;
  requestsPerSecond: number;
  /** Where the .cpuprofile files are (open them in Chrome DevTools or speedscope). */
  directory: string;
  gateway: ProfileSummary;
  core: ProfileSummary;
  /**
   * CPU ms per request of each profiled process from /proc over the same window. V8 samples on wall-clock time,
   * so on a busy machine a thread waiting for a core keeps collecting samples in whatever frame it was in; the
   * profile says where the time goes, /proc how much CPU it was.
   */
  cpu: { gateway: ProfiledCpu; core: ProfiledCpu };
}

// Samples this close to the window's edges are left out: the profile's end is placed at the stop request.
const EDGE_MS = 500;

/**
 * Restarts our gateway and core under node --cpu-prof, runs `varied` `cross` (or `operation`) through them, stops them (node
 * writes the profile on exit) and summarises the samples of the timed window only.
 */
export async function profileOursUnderLoad(
  stack: BenchStack,
  loader: LoadGenerator,
  {
    warmupSeconds,
    seconds,
    connections,
    log,
    operation = 'cross',
  }: { warmupSeconds: number; seconds: number; connections: number; log: (line: string) => void; operation?: Scenario['operation'] },
): Promise<Profiles> {
  const directory = join(stack.logDir, 'profiles');
  mkdirSync(directory, { recursive: true });
  const flags = (name: string) => ['--cpu-prof', `--cpu-prof-dir=${directory}`, `--cpu-prof-name=${name}.cpuprofile`];
  const core = await stack.restart('core', flags('core'));
  const gateway = await stack.restart('ours', flags('gateway'));
  const scenario: Scenario = { target: { url: gateway.url, auth: 'bearer' }, traffic: 'varied', operation };
  await loader.check(scenario);
  await loader.load(scenario, warmupSeconds, connections);
  const groups = { gateway: () => [gateway.pid], core: () => [core.pid] };
  const before = await readCpu(groups);
  const started = performance.now();
  const result = await loader.load(scenario, seconds, connections);
  const ended = performance.now();
  const used = cpuBetween(before, await readCpu(groups)).byName;
  const perRequest = (name: 'gateway' | 'core'): ProfiledCpu => ({
    ms: Number((used[name]!.ms / Math.max(1, result.requests)).toFixed(2)),
    systemPercent: Math.round((100 * used[name]!.systemMs) / Math.max(1, used[name]!.ms)),
  });
  const stopAt = performance.now();
  await Promise.all([gateway.stop(), core.stop()]);
  const window = { fromMs: stopAt - started - EDGE_MS, toMs: stopAt - ended + EDGE_MS };
  const summarise = (name: string) => {
    const file = join(directory, `${name}.cpuprofile`);
    if (!existsSync(file)) throw new Error(`${name} wrote no CPU profile at ${file}; see its log in ${stack.logDir}`);
    return summariseProfile(file, window);
  };
  const profiles = {
    scenario: `varied ${operation} via ours`,
    seconds,
    requestsPerSecond: result.requestsPerSecond,
    directory,
    gateway: summarise('gateway'),
    core: summarise('core'),
    cpu: { gateway: perRequest('gateway'), core: perRequest('core') },
  };
  for (const name of ['gateway', 'core'] as const) {
    const top = profiles[name].topFrames.slice(0, 5).map((f) => `${f.function} (${f.file || 'native'}) ${f.percent}%`);
    log(`${name} profile, top self time: ${top.join('; ')}`);
  }
  return profiles;
}
