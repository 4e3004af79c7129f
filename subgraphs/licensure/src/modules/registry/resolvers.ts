import { conflict, loadTypeDefs, microchipNumber, optionalText, type SubgraphModule } from '@psa/subgraph-kit';
import type { LicensureContext, PetReference } from '../../context';
import { assertLivePet, assertStaff, petOf, petRecordsField } from '../../access';
import { petRegistry, type PetRegistryRow } from './tables';
import { licensureOutbox } from '../../outbox';
import { publishRegistryState } from './publish';

interface RegisterInput {
  petId: string;
  microchipNumber?: string | null;
  tattooId?: string | null;
  dnaProfileId?: string | null;
  blockchainTxHash?: string | null;
  membershipTier?: PetRegistryRow['membershipTier'] | null;
  membershipExpiresAt?: Date | null;
}

export const registryModule: SubgraphModule<LicensureContext> = {
  name: 'registry',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      registerPetInRegistry: async (_: unknown, { input }: { input: RegisterInput }, ctx: LicensureContext) => {
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
          return entry;
        });
      },
    },
    Pet: {
      // Licensure stores nothing about the pet itself: the reference is all its fields need.
      __resolveReference: (ref: PetReference) => ref,
      registry: petRecordsField('registryByPetId'),
    },
    PetRegistry: { pet: petOf },
  },
};
