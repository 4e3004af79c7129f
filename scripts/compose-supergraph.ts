/**
 * Writes gateway/supergraph.graphql and gateway/api-schema.graphql (what clients see, for code generation) from
 * the subgraphs' SDL, and the subgraph lists of docker-compose.yml and infra/postgres/init-databases.sh from
 * subgraphs/registry.json. With --check, writes nothing and exits 1 when any of them is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from '@psa/gateway';
import { composeSupergraph } from './lib/supergraph';
import { COMPOSE_FILE, composeFile, INIT_DATABASES_FILE, initDatabasesFile } from './lib/deployment-files';
import { REGISTERED_SUBGRAPHS } from '../subgraphs/registry';

const check = process.argv.includes('--check');

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

try {
  const { supergraphSdl, apiSchemaSdl } = composeSupergraph();
  const files = [
    { path: SUPERGRAPH_PATH, text: supergraphSdl },
    { path: API_SCHEMA_PATH, text: apiSchemaSdl },
    { path: COMPOSE_FILE, text: composeFile(REGISTERED_SUBGRAPHS) },
    { path: INIT_DATABASES_FILE, text: initDatabasesFile(REGISTERED_SUBGRAPHS) },
  ].map((file) => ({ ...file, name: relative(process.cwd(), file.path), stale: read(file.path) !== file.text }));
  if (check) {
    const stale = files.filter((file) => file.stale);
    for (const file of stale) console.error(`${file.name} is stale: run "pnpm compose"`);
    if (stale.length > 0) process.exit(1);
    console.log('supergraph, API schema and deployment files are up to date');
  } else {
    for (const file of files) {
      if (file.stale) writeFileSync(file.path, file.text);
      console.log(file.stale ? `wrote ${file.name}` : `${file.name} unchanged`);
    }
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
