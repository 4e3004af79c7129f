import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_DIR = join(__dirname, '..', 'results');
const JSON_FILE = join(RESULTS_DIR, 'latest.json');

export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

/**
 * Each part writes its section; parts run alone keep the other sections of the last full run. `table` is the
 * section's main table; `more` are printed after it.
 */
export function saveSection(name: string, section: { figures: unknown; table: Table; more?: Table[] }): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const all = existsSync(JSON_FILE) ? JSON.parse(readFileSync(JSON_FILE, 'utf8')) : { sections: {} };
  all.machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
  };
  all.sections[name] = { measuredAt: new Date().toISOString(), ...section };
  writeFileSync(JSON_FILE, `${JSON.stringify(all, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown(all));
}

function markdown(all: { machine: Record<string, unknown>; sections: Record<string, { measuredAt: string; table: Table; more?: Table[] }> }): string {
  const m = all.machine;
  const lines = [`Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}.`, ''];
  for (const [name, { measuredAt, table, more }] of Object.entries(all.sections)) {
    lines.push(`### ${table.title}`, '', `_${name}, measured ${measuredAt}_`, '');
    tableLines(table, lines);
    for (const extra of more ?? []) {
      lines.push(`#### ${extra.title}`, '');
      tableLines(extra, lines);
    }
  }
  return lines.join('\n');
}

function tableLines(table: Table, lines: string[]): void {
  lines.push(`| ${table.columns.join(' | ')} |`, `|${table.columns.map(() => '---').join('|')}|`);
  for (const row of table.rows) lines.push(`| ${row.join(' | ')} |`);
  for (const note of table.notes ?? []) lines.push('', note);
  lines.push('');
}

export const round = (n: number, digits = 0) => Number(n.toFixed(digits));
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
export const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
