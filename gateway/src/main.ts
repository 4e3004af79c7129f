import { stopOnSignals, type RunningServer } from '@psa/http';
import { readGatewayEnv } from './config';
import { startGateway } from './gateway';

async function main() {
  const env = readGatewayEnv();
  let server: RunningServer | null = null;
  stopOnSignals('gateway', [() => server?.close()]);
  server = await startGateway({ ...env });
  console.log(`gateway listening on ${server.url}`);
  console.log(`browser origins allowed (CORS_ORIGINS): ${env.corsOrigins.join(', ') || 'none'}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
