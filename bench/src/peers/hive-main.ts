/** Hive Gateway as a process of its own, for the benchmark: PORT, IDENTITY_SIGNING_SECRET, SUBGRAPH_<NAME>_URL, SUPERGRAPH_PATH. */
import { startHiveGateway } from './hive';
import { readPeerEnv } from './peer-env';

async function main() {
  const env = readPeerEnv('Hive Gateway');
  const hive = await startHiveGateway(env);
  console.log(`Hive Gateway listening on ${hive.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    hive.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`Hive Gateway: while stopping: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
