import { runSubgraphMain } from '@psa/subgraph-kit';
import { portOf } from '../../registry';
import { healthcare } from './index';

runSubgraphMain(healthcare, portOf('healthcare')).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
