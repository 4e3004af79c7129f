import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './build';

/** The parts of a V8 .cpuprofile (node --cpu-prof) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  function: string;
  /** Source file as written: a package's own path (graphql/execution/execute.js) or ours (gateway/src/...). */
  file: string;
  selfMs: number;
  /** Of the process's busy (not idle) time in the window. */
  percent: number;
}

export interface ProfileSummary {
  /** Busy milliseconds sampled in the window (idle left out). */
  busyMs: number;
  windowMs: number;
  topFrames: Frame[];
  /** The same self time summed by package (or our folder, or node internals, GC). */
  byPackage: { package: string; selfMs: number; percent: number }[];
}

const NOT_WORK = new Set(['(idle)', '(root)']);

/**
 * A source path from a bundle's map, named by package. The maps' paths are relative to where the bundle was
 * written (a scratch folder), so they are read by their landmarks rather than resolved: pnpm's
 * node_modules/.pnpm/<name>@<version>/node_modules/<path> for packages (a package's own map may drop its name
 * from <path>), the workspace's folders for ours.
 */
export function describeSource(source: string): { file: string; pkg: string } {
  const pnpm = /node_modules\/\.pnpm\/([^/]+)\/node_modules\/(.*)$/.exec(source);
  if (pnpm) {
    const folder = pnpm[1]!;
    const pkg = folder.startsWith('@') ? folder.slice(0, folder.indexOf('@', 1)).replace('+', '/') : folder.slice(0, folder.indexOf('@'));
    const inner = pnpm[2]!;
    return { file: inner.startsWith(`${pkg}/`) ? inner : `${pkg}/${inner}`, pkg };
  }
  const cut = source.lastIndexOf('node_modules/');
  if (cut >= 0) {
    const file = source.slice(cut + 'node_modules/'.length);
    const parts = file.split('/');
    return { file, pkg: parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]! };
  }
  const file = source.replace(/^(\.\.?\/)+/, '');
  const parts = file.split('/');
  // Ours, by workspace package: gateway, bench, packages/identity, subgraphs/core.
  return { file, pkg: `ours: ${parts[0] === 'packages' || parts[0] === 'subgraphs' ? `${parts[0]}/${parts[1]}` : parts[0]}` };
}

/**
 * Where a frame's code comes from. Bundles (.build/*.js) are mapped back through their source maps, so a frame
 * is named by its original file and package, not by the bundle.
 */
class Locator {
  private readonly maps = new Map<string, SourceMap | null>();

  locate(url: string, line: number, column: number): { file: string; pkg: string } {
    if (!url) return { file: '', pkg: '(native, GC, program)' };
    if (url.startsWith('node:')) return { file: url, pkg: 'node internals' };
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    const entry = this.mapOf(path)?.findEntry(line, column) as { originalSource?: string } | undefined;
    return entry?.originalSource ? describeSource(entry.originalSource) : { file: relative(ROOT, path), pkg: 'bundle glue (no source map entry)' };
  }

  private mapOf(path: string): SourceMap | null {
    if (!this.maps.has(path)) {
      const mapFile = `${path}.map`;
      this.maps.set(path, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null);
    }
    return this.maps.get(path)!;
  }
}

/**
 * Self time by function and file, and by package, of the samples in the timed window, given as milliseconds
 * before the profile ended (the process was told to stop then): start-up and shutdown are left out. V8's profile
 * clock is not the wall clock, so the window is placed from the end, which is known on both.
 */
export function summariseProfile(profileFile: string, beforeEnd: { fromMs: number; toMs: number }, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const lengthMs = (profile.endTime - profile.startTime) / 1000;
  const window = { fromMs: lengthMs - beforeEnd.fromMs, toMs: lengthMs - beforeEnd.toMs };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByNode = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const lasted = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const sinceStartMs = (at - profile.startTime) / 1000;
    if (sinceStartMs < window.fromMs || sinceStartMs > window.toMs) continue;
    const id = profile.samples[i]!;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + lasted);
  }
  const locator = new Locator();
  const byFrame = new Map<string, { function: string; file: string; selfMs: number }>();
  const byPackage = new Map<string, number>();
  let busyMs = 0;
  for (const [id, ms] of selfByNode) {
    const { functionName, url, lineNumber, columnNumber } = nodes.get(id)!.callFrame;
    const name = functionName || '(anonymous)';
    if (NOT_WORK.has(name)) continue;
    busyMs += ms;
    const { file, pkg } = locator.locate(url, lineNumber, columnNumber);
    const key = `${name}\u0000${file}`;
    const frame = byFrame.get(key) ?? { function: name, file, selfMs: 0 };
    frame.selfMs += ms;
    byFrame.set(key, frame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  }
  const percent = (ms: number) => Number(((100 * ms) / (busyMs || 1)).toFixed(1));
  return {
    busyMs: Math.round(busyMs),
    windowMs: Math.round(window.toMs - window.fromMs),
    topFrames: [...byFrame.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((f) => ({ ...f, selfMs: Math.round(f.selfMs), percent: percent(f.selfMs) })),
    byPackage: [...byPackage.entries()].sort((a, b) => b[1] - a[1]).map(([pkg, ms]) => ({ package: pkg, selfMs: Math.round(ms), percent: percent(ms) })),
  };
}
