import { readGatewayEnv } from './config';
import { startGateway } from './gateway';

async function main() {
  const env = readGatewayEnv();
  const server = await startGateway({ ...env });
  console.log(`gateway listening on ${server.url}`);
  console.log(`browser origins allowed (CORS_ORIGINS): ${env.corsOrigins.join(', ') || 'none'}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
