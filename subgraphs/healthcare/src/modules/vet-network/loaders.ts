import type { Db } from '@psa/db';
import { byId, isUuid, preparedStatements, rowLoader, rowsByKey } from '@psa/subgraph-kit';
import { vetNetworkProviders } from './tables';

/** Prepared once per database handle, like the division's other loader statements; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  providerById: rowsByKey(db, vetNetworkProviders, { key: vetNetworkProviders.id, name: 'healthcare_vet_provider_by_id' }),
}));

export function vetNetworkLoaders(db: Db) {
  const statements = statementsOf(db);
  return {
    vetProviderById: rowLoader(statements.providerById, byId, isUuid),
  };
}
