import { conflict, loadTypeDefs, microchipNumber, optionalText, type SubgraphModule } from '@psa/subgraph-kit';
import { assertLivePet, assertStaff, petOf, petRecordsField } from '../../access';
import { petRegistry } from './tables';
import { licensureOutbox } from '../../outbox';
import { publishRegistryState } from './publish';
import type { Resolvers } from '../../generated/resolvers';

export const registryModule: SubgraphModule = {
  name: 'registry',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      registerPetInRegistry: async (_, { input }, ctx) => {
        assertStaff(ctx, 'register pets');
        await assertLivePet(ctx.db, 'input.petId', input.petId);
        if (await ctx.loaders.registryByPetId.load(input.petId)) throw conflict('input.petId', `pet ${input.petId} is already registered`);
        // Validated before the transaction opens: a bad value never costs a registry number.
        const values = {
          petId: input.petId,
          microchipNumber: microchipNumber('input.microchipNumber', input.microchipNumber),
          tattooId: optionalText('input.tattooId', input.tattooId, 50),
          dnaProfileId: optionalText('input.dnaProfileId', input.dnaProfileId, 100),
          blockchainTxHash: optionalText('input.blockchainTxHash', input.blockchainTxHash, 200),
          membershipTier: input.membershipTier ?? 'FREE',
          membershipExpiresAt: input.membershipExpiresAt ?? null,
        };
        return licensureOutbox.change(ctx.db, async (tx) => {
          const [entry] = await tx.insert(petRegistry).values(values).returning();
          await publishRegistryState(tx, [input.petId]);
          return entry!;
        });
      },
    },
    Pet: {
      // Licensure stores nothing about the pet itself: the reference is all its fields need.
      __resolveReference: (ref) => ref,
      registry: petRecordsField('registryByPetId'),
    },
    PetRegistry: { pet: petOf },
  } satisfies Resolvers,
};
