import { runSubgraphMain } from '@psa/subgraph-kit';
import { licensure } from './index';

runSubgraphMain(licensure, 4002).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
