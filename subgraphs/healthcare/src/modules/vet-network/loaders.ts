import { inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { isUuid, rowLoader } from '@psa/subgraph-kit';
import { vetNetworkProviders } from './tables';

export function vetNetworkLoaders(db: Db) {
  return {
    vetProviderById: rowLoader(
      (ids: string[]) => db.select().from(vetNetworkProviders).where(inArray(vetNetworkProviders.id, ids)),
      (provider) => provider.id,
      isUuid,
    ),
  };
}
