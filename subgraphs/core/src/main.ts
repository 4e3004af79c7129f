import { runSubgraphMain } from '@psa/subgraph-kit';
import { core } from './index';

runSubgraphMain(core, 4001).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
