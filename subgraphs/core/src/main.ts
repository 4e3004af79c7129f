import { runSubgraphMain } from '@psa/subgraph-kit';
import { portOf } from '../../registry';
import { core } from './index';

runSubgraphMain(core, portOf('core')).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
