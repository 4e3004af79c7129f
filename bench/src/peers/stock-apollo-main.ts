/**
 * The stock @apollo/gateway as a process of its own, for the benchmark: PORT, IDENTITY_SIGNING_SECRET,
 * SUBGRAPH_<NAME>_URL, SUPERGRAPH_PATH. SIGTERM is left to Apollo Server's default handler (stop, then exit on the signal).
 */
import { readPeerEnv } from './peer-env';
import { startStockApolloGateway } from './stock-apollo';

async function main() {
  const env = readPeerEnv('stock @apollo/gateway');
  const { url } = await startStockApolloGateway(env);
  console.log(`stock @apollo/gateway listening on ${url}`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
