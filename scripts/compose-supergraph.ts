/**
 * Writes gateway/supergraph.graphql from the subgraphs' SDL. With --check, writes nothing and exits 1 when the
 * committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@psa/gateway';
import { composeSupergraph } from './lib/supergraph';

const check = process.argv.includes('--check');
try {
  const sdl = composeSupergraph();
  let current = '';
  try {
    current = readFileSync(SUPERGRAPH_PATH, 'utf8');
  } catch {}
  if (check) {
    if (current !== sdl) {
      console.error(`${SUPERGRAPH_PATH} is stale: run "pnpm compose"`);
      process.exit(1);
    }
    console.log('supergraph is up to date');
  } else {
    writeFileSync(SUPERGRAPH_PATH, sdl);
    console.log(current === sdl ? 'supergraph unchanged' : `wrote ${SUPERGRAPH_PATH}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
