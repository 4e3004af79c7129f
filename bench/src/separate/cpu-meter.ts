import { cpuMs, memory } from './proc';

/**
 * CPU milliseconds per named process (or group of processes, such as PostgreSQL's backends) between two
 * readings, taken at the start and the end of a timed window. Each name gives its pids at the moment of
 * reading, so processes that come during the window (a new backend) count in full; one that leaves during it
 * counts nothing after the start reading (the pg pools keep their backends while busy, so this is rare).
 */
export type ProcessGroups = Record<string, () => number[] | Promise<number[]>>;
export type Reading = Record<string, Map<number, number>>;

export async function readCpu(groups: ProcessGroups): Promise<Reading> {
  const reading: Reading = {};
  for (const [name, pids] of Object.entries(groups)) {
    const byPid = new Map<number, number>();
    for (const pid of await pids()) {
      const ms = cpuMs(pid);
      if (ms !== null) byPid.set(pid, ms);
    }
    reading[name] = byPid;
  }
  return reading;
}

/** CPU ms each name used between the two readings. */
export function cpuBetween(start: Reading, end: Reading): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [name, after] of Object.entries(end)) {
    const before = start[name] ?? new Map<number, number>();
    let total = 0;
    for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
    used[name] = total;
  }
  return used;
}

/** Peak resident memory (VmHWM) of each name's processes; for a group, its largest process. */
export async function peakMemory(groups: ProcessGroups): Promise<Record<string, number>> {
  const peaks: Record<string, number> = {};
  for (const [name, pids] of Object.entries(groups)) {
    const values = (await pids()).map((pid) => memory(pid)?.peakMiB ?? 0);
    peaks[name] = Math.max(0, ...values);
  }
  return peaks;
}
