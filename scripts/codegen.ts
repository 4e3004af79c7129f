/**
 * Writes each registered subgraph's resolver types (subgraphs/<name>/src/generated/resolvers.ts) from its SDL with
 * GraphQL Code Generator (config: scripts/lib/codegen.ts). With --check, writes nothing and exits 1 when any file
 * is stale. `pnpm codegen <name>...` limits the run to those subgraphs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { REGISTERED_SUBGRAPHS } from '../subgraphs/registry';
import { codegenConfig, GENERATED_HEADER, ROOT } from './lib/codegen';

const args = process.argv.slice(2);
const check = args.includes('--check');
const names = args.filter((arg) => !arg.startsWith('--'));

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const unknown = names.filter((name) => !REGISTERED_SUBGRAPHS.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`not in subgraphs/registry.json: ${unknown.join(', ')}`);
  const subgraphs = names.length > 0 ? REGISTERED_SUBGRAPHS.filter((s) => names.includes(s.name)) : REGISTERED_SUBGRAPHS;
  const outputs: { filename: string; content: string }[] = await generate(codegenConfig(subgraphs), false);
  const files = outputs.map(({ filename, content }) => {
    const text = `${GENERATED_HEADER}${content.endsWith('\n') ? content : `${content}\n`}`;
    return { path: filename, name: relative(ROOT, filename), text, stale: read(filename) !== text };
  });
  if (check) {
    const stale = files.filter((file) => file.stale);
    for (const file of stale)
      console.error(`${file.name} is stale (a schema.graphql, tables.ts or context.ts changed since it was generated): run "pnpm codegen"`);
    if (stale.length > 0) process.exit(1);
    console.log('generated resolver types are up to date');
    return;
  }
  for (const file of files) {
    if (file.stale) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.text);
    }
    console.log(file.stale ? `wrote ${file.name}` : `${file.name} unchanged`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
