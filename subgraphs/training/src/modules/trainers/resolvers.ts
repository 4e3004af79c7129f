import { loadTypeDefs, type SubgraphModule } from '@psa/subgraph-kit';
import type { Resolvers } from '../../generated/resolvers';

/** Trainers' profiles are public: anyone may read them, by id or as a reference from another type. */
export const trainersModule: SubgraphModule = {
  name: 'trainers',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      trainer: (_, { id }, ctx) => ctx.loaders.trainerById.load(id),
    },
    Trainer: {
      __resolveReference: (reference, ctx) => ctx.loaders.trainerById.load(reference.id),
    },
  } satisfies Resolvers,
};
