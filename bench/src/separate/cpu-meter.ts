import { cpuTime, machineBusyMs, memory, type CpuTime } from './proc';

/**
 * CPU milliseconds per named process (or group of processes, such as PostgreSQL's backends) between two
 * readings, taken at the start and the end of a timed window. Each name gives its pids at the moment of
 * reading, so processes that come during the window (a new backend) count in full; one that leaves during it
 * counts nothing after the start reading (the pg pools keep their backends while busy, so this is rare).
 */
export type ProcessGroups = Record<string, () => number[] | Promise<number[]>>;
export interface Reading {
  at: number;
  machineBusyMs: number;
  byGroup: Record<string, Map<number, CpuTime>>;
}

export async function readCpu(groups: ProcessGroups): Promise<Reading> {
  const byGroup: Record<string, Map<number, CpuTime>> = {};
  for (const [name, pids] of Object.entries(groups)) {
    const byPid = new Map<number, CpuTime>();
    for (const pid of await pids()) {
      const time = cpuTime(pid);
      if (time) byPid.set(pid, time);
    }
    byGroup[name] = byPid;
  }
  return { at: performance.now(), machineBusyMs: machineBusyMs(), byGroup };
}

export interface CpuUsed {
  /** CPU ms of each name, user + system, and the system part alone. */
  byName: Record<string, { ms: number; systemMs: number }>;
  windowMs: number;
  /** Busy CPU ms of the whole machine minus the names': everyone else's work in the window. */
  othersMs: number;
}

/** CPU each name used between the two readings, and what the rest of the machine used meanwhile. */
export function cpuBetween(start: Reading, end: Reading): CpuUsed {
  const byName: CpuUsed['byName'] = {};
  let ours = 0;
  for (const [name, after] of Object.entries(end.byGroup)) {
    const before = start.byGroup[name] ?? new Map<number, CpuTime>();
    let ms = 0;
    let systemMs = 0;
    for (const [pid, time] of after) {
      const was = before.get(pid) ?? { userMs: 0, systemMs: 0 };
      ms += time.userMs + time.systemMs - was.userMs - was.systemMs;
      systemMs += time.systemMs - was.systemMs;
    }
    byName[name] = { ms, systemMs };
    ours += ms;
  }
  return { byName, windowMs: end.at - start.at, othersMs: Math.max(0, end.machineBusyMs - start.machineBusyMs - ours) };
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
