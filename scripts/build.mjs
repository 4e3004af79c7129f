#!/usr/bin/env node
/**
 * Bundles each runnable service into one JavaScript file in .build/ with esbuild, so a start loads one file
 * instead of transpiling hundreds of TypeScript modules (about 6 s of a start under tsx). Rebuilds only what is
 * older than the sources. Plain JavaScript on purpose: it runs before anything is built.
 *
 *   node scripts/build.mjs              # every target
 *   node scripts/build.mjs embedded     # one or more of: embedded services gateway <subgraph>...
 *   node scripts/build.mjs --force      # rebuild even when current
 *
 * The bundles read files beside their sources at run time (schema.graphql, drizzle/ migrations, the
 * supergraph), so `__dirname` in a source file is replaced by that file's own folder: a bundle runs from
 * this checkout, not from a copy elsewhere.
 */
import { readdirSync, statSync, existsSync, readFileSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.build');
const require = createRequire(import.meta.url);

/** Every subgraph folder with a src/main.ts is a service. */
function targets() {
  const list = { embedded: 'scripts/start-embedded.ts', services: 'scripts/services.ts', gateway: 'gateway/src/main.ts' };
  for (const name of readdirSync(join(ROOT, 'subgraphs'))) {
    if (existsSync(join(ROOT, 'subgraphs', name, 'src', 'main.ts'))) list[name] = `subgraphs/${name}/src/main.ts`;
  }
  return list;
}

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(path, newest);
    else if (/\.(ts|graphql|json|sql)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const dirnamePlugin = {
  name: 'source-dirname',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      return { contents: source.includes('__dirname') ? source.replace(/\b__dirname\b/g, JSON.stringify(dirname(args.path))) : source, loader: 'ts' };
    });
  },
};

/**
 * PGlite loads its WebAssembly next to its own module, so it stays outside the bundle; every import of it (ours
 * and drizzle's) is rewritten to the installed copy's CommonJS entry, relative to .build/.
 */
const pglitePlugin = {
  name: 'pglite-external',
  setup(build) {
    build.onResolve({ filter: /^@electric-sql\/pglite$/ }, () => {
      const dbRequire = createRequire(join(ROOT, 'packages', 'db', 'package.json'));
      const entry = dbRequire.resolve('@electric-sql/pglite');
      return { path: `./${relative(OUT, entry)}`, external: true };
    });
  },
};

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const all = targets();
  const wanted = args.filter((a) => !a.startsWith('--'));
  for (const name of wanted) {
    if (!all[name]) {
      console.error(`build: no target "${name}"; targets: ${Object.keys(all).join(', ')}`);
      process.exit(2);
    }
  }
  const names = wanted.length > 0 ? wanted : Object.keys(all);
  // The lockfile too: a dependency upgraded or patched (patches/) changes what is bundled without touching our sources.
  const newest = Math.max(
    statSync(join(ROOT, 'pnpm-lock.yaml')).mtimeMs,
    ...['gateway', 'packages', 'subgraphs', 'scripts'].map((d) => newestSource(join(ROOT, d))),
  );
  const stale = names.filter((name) => {
    const out = join(OUT, `${name}.js`);
    return force || !existsSync(out) || statSync(out).mtimeMs < newest;
  });
  if (stale.length === 0) return;
  const esbuild = require('esbuild');
  const started = performance.now();
  // Written aside, then renamed into place: a start running beside this build never loads a half-written file.
  const scratch = join(OUT, `.tmp-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  await esbuild.build({
    entryPoints: Object.fromEntries(stale.map((name) => [name, join(ROOT, all[name])])),
    outdir: scratch,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Maps are written for debugging (NODE_OPTIONS=--enable-source-maps) but not loaded by default: reading them
    // costs about a second of every start.
    sourcemap: 'linked',
    // Optional native bindings some drivers probe for; never used here.
    external: ['pg-native'],
    plugins: [dirnamePlugin, pglitePlugin],
    logLevel: 'warning',
  });
  for (const file of readdirSync(scratch)) renameSync(join(scratch, file), join(OUT, file));
  rmSync(scratch, { recursive: true, force: true });
  console.error(`build: ${stale.join(', ')} bundled into .build/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(`build failed: ${error.message}`);
  process.exit(1);
});
