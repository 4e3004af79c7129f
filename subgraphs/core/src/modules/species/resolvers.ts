import { asc, eq } from 'drizzle-orm';
import { loadOrNotFound, loadTypeDefs, type SubgraphModule } from '@psa/subgraph-kit';
import { species } from './tables';
import type { Resolvers } from '../../generated/resolvers';

export const speciesModule: SubgraphModule = {
  name: 'species',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      species: (_, __, ctx) => ctx.db.select().from(species).where(eq(species.isActive, true)).orderBy(asc(species.id)),
    },
    Species: {
      breeds: (row, _, ctx) => ctx.loaders.breedsBySpeciesId.load(String(row.id)),
    },
    Breed: {
      // Species ids are integers, not UUIDs; a breed's species always exists (a foreign key).
      species: (row, _, ctx) => loadOrNotFound(ctx.loaders.speciesById, String(row.speciesId), 'Species', (id) => /^\d+$/.test(id)),
    },
  } satisfies Resolvers,
};
