/**
 * The embedded stack: every subgraph and the gateway in this one process, over ONE PGlite database in a data
 * folder (each subgraph in its own schema), core events on the in-process transport. No database server or broker
 * needed. Demo data is seeded on the first start.
 *
 *   pnpm start                    # data in .data/embedded, gateway on :4000
 *   PORT=4100 PSA_DATA_DIR=/tmp/psa pnpm start
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { onEmbedded, openEmbeddedPostgres } from '@psa/db';
import { LocalTransport, waitForNoDrift } from '@psa/events';
import { copyPairs, serveSubgraph, startWorkers } from '@psa/subgraph-kit';
import { readCorsOrigins, signBearerToken, startGateway } from '@psa/gateway';
import { stopOnSignals, type Shutdown } from '@psa/http';
import { SUBGRAPHS } from './lib/subgraphs';
import { EMBEDDED_PID_FILE } from './lib/embedded-pid';
import { DEMO_OWNER, SAMPLE_QUERY, seedDemoData, type Created } from './lib/demo-data';

const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`);

interface Secrets {
  jwtSecret: string;
  identitySecret: string;
}

/** Secrets come from the environment; otherwise they are generated once per data folder and kept there (never in git). */
function loadSecrets(dataDir: string): Secrets {
  const file = join(dataDir, 'secrets.json');
  const stored: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets = {
    jwtSecret: process.env.JWT_SECRET || stored.jwtSecret || randomBytes(32).toString('hex'),
    identitySecret: process.env.IDENTITY_SIGNING_SECRET || stored.identitySecret || randomBytes(32).toString('hex'),
  };
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

let shutdown: Shutdown | null = null;

async function main() {
  const dataDir = resolve(process.env.PSA_DATA_DIR ?? '.data/embedded');
  const port = Number(process.env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  const corsOrigins = readCorsOrigins(process.env);
  mkdirSync(dataDir, { recursive: true });
  const secrets = loadSecrets(dataDir);

  const firstRun = !existsSync(join(dataDir, 'pg', 'PG_VERSION'));
  log(`${firstRun ? 'creating' : 'opening'} the embedded PostgreSQL in ${join(dataDir, 'pg')}`);
  const embedded = await openEmbeddedPostgres(join(dataDir, 'pg'));

  // Stopped newest first; registered now so a signal during start-up stops what has started so far.
  // PGlite is one process's alone: the PID tells `pnpm apikeys` not to open the folder meanwhile.
  const pidFile = join(dataDir, EMBEDDED_PID_FILE);
  writeFileSync(pidFile, String(process.pid));
  const closers: (() => Promise<void>)[] = [() => embedded.close(), async () => rmSync(pidFile, { force: true })];
  shutdown = stopOnSignals(`embedded stack (data kept in ${dataDir})`, closers);
  const subgraphUrls: Record<string, string> = {};
  const transport = new LocalTransport();
  closers.unshift(() => transport.close());
  const databases = [];
  for (const { subgraph } of SUBGRAPHS) {
    const database = await onEmbedded(embedded);
    databases.push({ subgraph, database });
    const server = await serveSubgraph(subgraph, { database, identitySecret: secrets.identitySecret, port: 0 });
    closers.unshift(() => server.close());
    subgraphUrls[subgraph.name] = server.url;
    log(`${subgraph.name} subgraph migrated and listening on ${server.url}`);
  }
  // Relays first (they create the topics), then the projectors that read them.
  for (const { subgraph, database } of databases) {
    const workers = await startWorkers(subgraph, { database, transport, log });
    closers.unshift(() => workers.stop());
  }
  const tokenFor = (subject: string, roles: string[] = []) => signBearerToken(secrets.jwtSecret, subject, roles, '30d');
  const token = await tokenFor(DEMO_OWNER);
  // The IDE opens with the demo owner signed in, so a first query about "me" answers.
  const ide = { defaultHeaders: { Authorization: `Bearer ${token}` } };
  // The gateway's own schema (API clients, keys, registered operations) lives in the same PGlite. Without
  // REDIS_URL, rate counts and automatic persisted queries stay in this process, which is the whole stack anyway.
  const gatewayDatabase = await onEmbedded(embedded);
  const redis = process.env.REDIS_URL ? { url: process.env.REDIS_URL } : undefined;
  const gateway = await startGateway({ ...secrets, subgraphUrls, port, corsOrigins, ide, database: gatewayDatabase, redis, log });
  closers.unshift(() => gateway.close());
  log(`gateway listening on ${gateway.url}`);

  const { rows } = await embedded.client.query<{ n: number }>('select count(*)::int as n from core.owners');
  if (rows[0]!.n === 0) {
    log('first start: seeding demo data through the gateway');
    // One database holds every schema here, so every subgraph's db is the same one.
    const db = databases[0]!.database.db;
    const pairs = copyPairs(
      SUBGRAPHS.map((s) => s.subgraph),
      () => db,
    );
    await seedDemoData(
      {
        settle: () => waitForNoDrift(pairs, 30_000),
        as: async (subject, roles) => {
          const token = await tokenFor(subject, roles);
          return async (query, variables) => {
            const response = await fetch(gateway.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ query, variables }),
            });
            const body = (await response.json()) as { data?: Created; errors?: unknown[] };
            if (body.errors || !body.data) throw new Error(`seeding failed: ${JSON.stringify(body.errors ?? body)}`);
            return body.data;
          };
        },
      },
      log,
    );
  } else {
    log(`keeping the existing data (${rows[0]!.n} owners)`);
  }

  console.log(`
Pet Solutions Alliance supergraph (embedded) is ready: ${gateway.url}
Open it in a browser for GraphiQL, signed in as the demo owner.

Demo owner token (Dana, valid 30 days):
DEMO_TOKEN=${token}

Sample federated query (core + licensure):
${SAMPLE_QUERY}

Try it:
curl -s ${gateway.url} -H 'content-type: application/json' -H "authorization: Bearer $DEMO_TOKEN" \\
  -d '{"query":"{ me { firstName pets { name registry { registryNumber } licenses { licenseNumber } vaccinations { vaccineName nextDueDate } } } }"}'

Staff tokens (registrar, admin) for any subject:
  pnpm --silent token demo-registrar --roles registrar

API keys for business consumers (run while the stack is stopped; see the README's security section):
  pnpm --silent apikeys clients add <name> --divisions core --roles registrar

Ctrl-C stops the stack; the data stays in ${dataDir}.
`);
}

main().catch((error: Error) => {
  // A stop that came during start-up closed what the start was using: the stop reports, and exits 0.
  if (shutdown?.requested) return;
  console.error(error.stack ?? error.message);
  process.exit(1);
});
