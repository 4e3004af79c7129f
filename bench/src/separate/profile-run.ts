import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { summariseProfile, type ProfileSummary } from './cpu-profile';
import type { LoadGenerator } from './load-client';
import type { Scenario } from './load-protocol';
import type { BenchStack } from './stack';

export interface Profiles {
  scenario: string;
  seconds: number;
  requestsPerSecond: number;
  /** Where the .cpuprofile files are (open them in Chrome DevTools or speedscope). */
  directory: string;
  gateway: ProfileSummary;
  core: ProfileSummary;
}

// Samples this close to the window's edges are left out: the profile's end is placed at the stop request.
const EDGE_MS = 500;

/**
 * Restarts our gateway and core under node --cpu-prof, runs `varied` `cross` through them, stops them (node
 * writes the profile on exit) and summarises the samples of the timed window only.
 */
export async function profileOursUnderLoad(
  stack: BenchStack,
  loader: LoadGenerator,
  { warmupSeconds, seconds, connections, log }: { warmupSeconds: number; seconds: number; connections: number; log: (line: string) => void },
): Promise<Profiles> {
  const directory = join(stack.logDir, 'profiles');
  mkdirSync(directory, { recursive: true });
  const flags = (name: string) => ['--cpu-prof', `--cpu-prof-dir=${directory}`, `--cpu-prof-name=${name}.cpuprofile`];
  const core = await stack.restart('core', flags('core'));
  const gateway = await stack.restart('ours', flags('gateway'));
  const scenario: Scenario = { target: { url: gateway.url, auth: 'bearer' }, traffic: 'varied', operation: 'cross' };
  await loader.check(scenario);
  await loader.load(scenario, warmupSeconds, connections);
  const started = performance.now();
  const result = await loader.load(scenario, seconds, connections);
  const ended = performance.now();
  const stopAt = performance.now();
  await Promise.all([gateway.stop(), core.stop()]);
  const window = { fromMs: stopAt - started - EDGE_MS, toMs: stopAt - ended + EDGE_MS };
  const summarise = (name: string) => {
    const file = join(directory, `${name}.cpuprofile`);
    if (!existsSync(file)) throw new Error(`${name} wrote no CPU profile at ${file}; see its log in ${stack.logDir}`);
    return summariseProfile(file, window);
  };
  const profiles = { scenario: 'varied cross via ours', seconds, requestsPerSecond: result.requestsPerSecond, directory, gateway: summarise('gateway'), core: summarise('core') };
  for (const name of ['gateway', 'core'] as const) {
    const top = profiles[name].topFrames.slice(0, 5).map((f) => `${f.function} (${f.file || 'native'}) ${f.percent}%`);
    log(`${name} profile, top self time: ${top.join('; ')}`);
  }
  return profiles;
}
