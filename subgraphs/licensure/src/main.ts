import { runSubgraphMain } from '@psa/subgraph-kit';
import { portOf } from '../../registry';
import { licensure } from './index';

runSubgraphMain(licensure, portOf('licensure')).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
