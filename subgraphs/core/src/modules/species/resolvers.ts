import { asc, eq } from 'drizzle-orm';
import { loadTypeDefs, type SubgraphModule } from '@psa/subgraph-kit';
import type { CoreContext } from '../../context';
import { species, type BreedRow, type SpeciesRow } from './tables';

export const speciesModule: SubgraphModule<CoreContext> = {
  name: 'species',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      species: (_: unknown, __: unknown, ctx: CoreContext) =>
        ctx.db.select().from(species).where(eq(species.isActive, true)).orderBy(asc(species.id)),
    },
    Species: {
      breeds: (row: SpeciesRow, _: unknown, ctx: CoreContext) => ctx.loaders.breedsBySpeciesId.load(String(row.id)),
    },
    Breed: {
      species: (row: BreedRow, _: unknown, ctx: CoreContext) => ctx.loaders.speciesById.load(String(row.speciesId)),
    },
  },
};
