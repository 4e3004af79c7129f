import { join } from 'node:path';
import { createSubgraph } from '@psa/subgraph-kit';
import { createLicensureLoaders } from './loaders';
import { registryModule } from './modules/registry/resolvers';
import { licensesModule } from './modules/licenses/resolvers';
import { certificationsModule } from './modules/certifications/resolvers';
import { healthRecordsModule } from './modules/health-records/resolvers';
import { vaccinationsModule } from './modules/vaccinations/resolvers';
import { lostPetsModule } from './modules/lost-pets/resolvers';

export const licensure = createSubgraph({
  name: 'licensure',
  modules: [registryModule, licensesModule, certificationsModule, healthRecordsModule, vaccinationsModule, lostPetsModule],
  migrationsFolder: join(__dirname, '..', 'drizzle'),
  createLoaders: (db) => createLicensureLoaders(db),
});
