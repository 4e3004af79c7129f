import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build, stop } from 'esbuild';
import { REGISTERED_SUBGRAPHS } from '../../../subgraphs/registry';

export const ROOT = join(__dirname, '..', '..', '..');
export const PEER_BUNDLES = join(ROOT, '.build', 'bench-peers');

/**
 * The services as they run in production, bundled by scripts/build.mjs (only what changed), and the peers' small
 * entry files bundled the same way (esbuild, CommonJS, node20), so every gateway starts from one file and no
 * process carries a TypeScript loader.
 */
export async function buildEverything(log: (line: string) => void): Promise<void> {
  const services = [...REGISTERED_SUBGRAPHS.map((s) => s.name), 'gateway'];
  log(`bundling ${services.join(', ')} (scripts/build.mjs) and the peers (esbuild)`);
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), ...services], { stdio: 'inherit' });
  await build({
    entryPoints: {
      'stock-apollo': join(ROOT, 'bench/src/peers/stock-apollo-main.ts'),
      hive: join(ROOT, 'bench/src/peers/hive-main.ts'),
      'bare-hop': join(ROOT, 'bench/src/peers/bare-hop-main.ts'),
    },
    outdir: PEER_BUNDLES,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // esbuild's API keeps a service process alive after a build: it would sit beside the measured processes.
  await stop();
}
