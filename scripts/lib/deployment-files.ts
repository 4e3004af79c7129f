import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegisteredSubgraph } from '../../subgraphs/registry';

/**
 * The parts of docker-compose.yml and infra/postgres/init-databases.sh that list the subgraphs, written from
 * subgraphs/registry.json between marker lines, so a new division needs no hand edit there. The rest of each
 * file is hand-written and left as it is.
 */
const ROOT = join(__dirname, '..', '..');
export const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
export const INIT_DATABASES_FILE = join(ROOT, 'infra', 'postgres', 'init-databases.sh');

const begin = (region: string) => `# >>> ${region} (written by pnpm compose from subgraphs/registry.json)`;
const end = (region: string) => `# <<< ${region}`;

/** `text` with the lines between the region's markers replaced by `lines`, indented like the opening marker. */
export function replaceRegion(text: string, region: string, lines: string[]): string {
  const pattern = new RegExp(`^([ \\t]*)${escape(begin(region))}\\n[\\s\\S]*?^[ \\t]*${escape(end(region))}$`, 'm');
  const match = pattern.exec(text);
  if (!match) throw new Error(`no "${begin(region)}" ... "${end(region)}" region found`);
  const indent = match[1]!;
  const body = lines.map((line) => (line ? indent + line : line));
  return text.slice(0, match.index) + [indent + begin(region), ...body, indent + end(region)].join('\n') + text.slice(match.index + match[0].length);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function subgraphServices(subgraphs: readonly RegisteredSubgraph[]): string[] {
  return subgraphs.flatMap(({ name, port }) => [
    `${name}:`,
    '  build:',
    '    <<: *service-build',
    '    args:',
    `      SERVICE: ${name}`,
    `      PORT: ${port}`,
    `  image: psa/${name}:local`,
    '  init: true',
    '  restart: unless-stopped',
    '  environment:',
    '    <<: *subgraph-environment',
    `    PORT: ${port}`,
    `    DATABASE_URL: postgres://postgres:\${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/${name}`,
    '  depends_on: *subgraph-depends-on',
    '',
  ]);
}

export function composeFile(subgraphs: readonly RegisteredSubgraph[], current = readFileSync(COMPOSE_FILE, 'utf8')): string {
  let text = replaceRegion(current, 'subgraph services', subgraphServices(subgraphs));
  text = replaceRegion(
    text,
    'subgraph urls',
    subgraphs.map(({ name, port }) => `SUBGRAPH_${name.toUpperCase()}_URL: http://${name}:${port}/graphql`),
  );
  text = replaceRegion(
    text,
    'subgraphs healthy',
    subgraphs.flatMap(({ name }) => [`${name}:`, '  condition: service_healthy']),
  );
  return text;
}

export function initDatabasesFile(subgraphs: readonly RegisteredSubgraph[], current = readFileSync(INIT_DATABASES_FILE, 'utf8')): string {
  return replaceRegion(
    current,
    'databases',
    subgraphs.map(({ name }) => name),
  );
}
