import { join } from 'node:path';
import { createSubgraph } from '@psa/subgraph-kit';
import { createCoreLoaders } from './loaders';
import { ownersModule } from './modules/owners/resolvers';
import { petsModule } from './modules/pets/resolvers';
import { householdsModule } from './modules/households/resolvers';
import { speciesModule } from './modules/species/resolvers';

export const core = createSubgraph({
  name: 'core',
  modules: [ownersModule, petsModule, householdsModule, speciesModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createCoreLoaders(db),
});
