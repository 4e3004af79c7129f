import { openPostgres } from '@psa/db';
import { stopOnSignals, type RunningServer } from '@psa/http';
import { readGatewayEnv } from './config';
import { startGateway } from './gateway';
import { redactUrl } from './b2b/redis';

async function main() {
  const { databaseUrl, ...env } = readGatewayEnv();
  const database = openPostgres(databaseUrl, { maxConnections: 5 });
  let server: RunningServer | null = null;
  // The server stops first (it waits for its last writes), then its database.
  stopOnSignals('gateway', [() => server?.close(), () => database.close()]);
  server = await startGateway({ ...env, database });
  console.log(`gateway listening on ${server.url}`);
  console.log(`browser origins allowed (CORS_ORIGINS): ${env.corsOrigins.join(', ') || 'none'}`);
  if (env.redis)
    console.log(`Redis for API-key rates and automatic persisted queries (REDIS_URL): ${redactUrl(env.redis.url)}, keys prefixed "${env.redis.keyPrefix}"`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
