import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** One full (mark-compact) collection as node --trace-gc logs it: when, and the heap left after it. */
export interface FullGc {
  /** Milliseconds since the process started. */
  atMs: number;
  heapAfterMiB: number;
}

// "[pid:0x...]   123456 ms: Mark-Compact 180.2 (200.1) -> 95.3 (198.4) MB, ..." (V8's MB are MiB).
const MARK_COMPACT = /\s(\d+) ms: Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;

/** Where a log file ends now: read from here later to see only what was written since. */
export const logOffset = (file: string): number => statSync(file).size;

/**
 * The full collections a process under node --trace-gc logged from `fromByte` on. The heap a full collection
 * leaves is what the process still holds: if it grows over a long run, something is kept that should not be,
 * whatever resident memory does between collections.
 */
export function fullGcsSince(file: string, fromByte: number): FullGc[] {
  const size = statSync(file).size;
  const buffer = Buffer.alloc(Math.max(0, size - fromByte));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, fromByte);
  } finally {
    closeSync(fd);
  }
  const collections: FullGc[] = [];
  for (const line of buffer.toString('utf8').split('\n')) {
    const match = MARK_COMPACT.exec(line);
    if (match) collections.push({ atMs: Number(match[1]), heapAfterMiB: Number(match[2]) });
  }
  return collections;
}
