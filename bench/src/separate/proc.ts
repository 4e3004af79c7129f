import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time and memory of processes, read from Linux's /proc: the figures the kernel keeps per process (all its
 * threads), so they count a process's own work whatever the machine's other load.
 */

/** Clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface CpuTime {
  /** In the process's own code (utime). */
  userMs: number;
  /** In the kernel on its behalf (stime): system calls, and on loopback much of the TCP work of both ends. */
  systemMs: number;
}

/** CPU milliseconds a process has used since it started, or null once it is gone. */
export function cpuTime(pid: number): CpuTime | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { userMs: (Number(fields[11]) * 1000) / CLOCK_TICKS, systemMs: (Number(fields[12]) * 1000) / CLOCK_TICKS };
}

/**
 * CPU milliseconds the whole machine has spent busy (every core, every process, interrupts included), from the
 * first line of /proc/stat: with the benchmark's own processes subtracted, what everyone else on the machine used.
 */
export function machineBusyMs(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return (((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 1000) / CLOCK_TICKS;
}

export interface Memory {
  /** Resident now. */
  rssMiB: number;
  /** The most it has been resident since it started (VmHWM). */
  peakMiB: number;
}

export function memory(pid: number): Memory | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMiB: Math.round(kB('VmRSS') / 1024), peakMiB: Math.round(kB('VmHWM') / 1024) };
}
