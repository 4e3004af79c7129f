import { runSubgraphMain } from '@psa/subgraph-kit';
import { portOf } from '../../registry';
import { training } from './index';

runSubgraphMain(training, portOf('training')).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
