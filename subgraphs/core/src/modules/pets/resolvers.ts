import { badInput, conflict, forbidden, loadOrNotFound, loadTypeDefs, notFound, type SubgraphModule } from '@psa/subgraph-kit';
import type { CoreContext } from '../../context';
import { assertCanChangePet, canReadPet, readableOwner, viewerScope, visiblePet } from '../../access';
import { petChanges } from './rules';
import { deletePet, findPetBy, insertPet, microchipInUse, updatePet } from './store';
import { change } from '../../outbox';
import { petChanged, petDeleted, type PetEventType } from '../../events';
import type { PetRow } from './tables';
import type { Resolvers } from '../../generated/resolvers';

function savePet(ctx: CoreContext, type: PetEventType, id: string, changes: Parameters<typeof updatePet>[2]): Promise<PetRow> {
  return change(ctx.db, async (tx, emit) => {
    const pet = await updatePet(tx, id, changes);
    petChanged(emit, type, pet);
    return pet;
  });
}

async function readPet(ctx: CoreContext, id: string): Promise<PetRow | null> {
  return visiblePet(ctx, await ctx.loaders.petById.load(id));
}

/** A pet the viewer cannot see is NOT_FOUND, as one that does not exist; one they see but do not own, FORBIDDEN. */
async function changeablePet(ctx: CoreContext, id: string): Promise<PetRow> {
  const pet = await readPet(ctx, id);
  if (!pet) throw notFound('Pet', id);
  await assertCanChangePet(ctx, pet);
  return pet;
}

async function assertMicrochipFree(ctx: CoreContext, microchip: unknown, petId?: string): Promise<void> {
  if (typeof microchip === 'string' && (await microchipInUse(ctx.db, microchip, petId))) {
    throw conflict('input.microchipNumber', `${microchip} is already registered to another pet`);
  }
}

/** The household must exist and the owner must belong to it. */
async function assertOwnerInHousehold(ctx: CoreContext, field: string, ownerId: string, householdId: string): Promise<void> {
  await loadOrNotFound(ctx.loaders.householdById, householdId, 'Household');
  const members = await ctx.loaders.membersByHouseholdId.load(householdId);
  if (!members.some((m) => m.ownerId === ownerId)) {
    throw badInput(field, `the pet's owner ${ownerId} is not a member of household ${householdId}`);
  }
}

export const petsModule: SubgraphModule = {
  name: 'pets',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      pet: (_, { id }, ctx) => readPet(ctx, id),
      petByMicrochip: async (_, { microchipNumber }, ctx) => visiblePet(ctx, await findPetBy(ctx.db, 'microchipNumber', microchipNumber.trim())),
      petByRegistryNumber: async (_, { registryNumber }, ctx) => visiblePet(ctx, await findPetBy(ctx.db, 'registryNumber', registryNumber.trim())),
    },
    Mutation: {
      registerPet: async (_, { input }, ctx) => {
        const { owner: self } = await viewerScope(ctx);
        const ownerId = input.ownerId ?? self?.id;
        if (!ownerId) throw badInput('input.ownerId', 'create your owner profile first, or name the owner');
        if (ownerId !== self?.id && !ctx.viewer.isAdmin) throw forbidden('input.ownerId: only admins may register a pet for another owner');
        const changes = petChanges(input, false);
        await loadOrNotFound(ctx.loaders.ownerById, ownerId, 'Owner');
        if (input.householdId) await assertOwnerInHousehold(ctx, 'input.householdId', ownerId, input.householdId);
        await assertMicrochipFree(ctx, changes.microchipNumber);
        return change(ctx.db, async (tx, emit) => {
          const pet = await insertPet(tx, {
            ...(changes as Required<Pick<typeof changes, 'name' | 'species' | 'sex' | 'birthDate' | 'weight'>>),
            ...changes,
            ownerId,
            householdId: input.householdId ?? null,
          });
          petChanged(emit, 'pet.registered', pet);
          return pet;
        });
      },
      updatePet: async (_, { id, input }, ctx) => {
        const pet = await changeablePet(ctx, id);
        const changes = petChanges(input, true);
        await assertMicrochipFree(ctx, changes.microchipNumber, id);
        return Object.keys(changes).length === 0 ? pet : savePet(ctx, 'pet.updated', id, changes);
      },
      changePetStatus: async (_, { id, status }, ctx) => {
        const pet = await changeablePet(ctx, id);
        if (pet.status === status) return pet;
        if (pet.status === 'DECEASED') throw badInput('status', `pet ${id} is DECEASED; its status cannot change to ${status}`);
        return savePet(ctx, 'pet.status_changed', id, { status, statusUpdatedAt: new Date() });
      },
      transferPet: async (_, { id, toOwnerId }, ctx) => {
        const pet = await changeablePet(ctx, id);
        if (pet.ownerId === toOwnerId) throw badInput('toOwnerId', `pet ${id} already belongs to owner ${toOwnerId}`);
        if (pet.status === 'DECEASED') throw badInput('id', `pet ${id} is DECEASED and cannot be transferred`);
        await loadOrNotFound(ctx.loaders.ownerById, toOwnerId, 'Owner');
        return savePet(ctx, 'pet.transferred', id, { ownerId: toOwnerId, householdId: null });
      },
      assignPetToHousehold: async (_, { petId, householdId }, ctx) => {
        const pet = await changeablePet(ctx, petId);
        if (householdId) await assertOwnerInHousehold(ctx, 'householdId', pet.ownerId, householdId);
        return savePet(ctx, 'pet.updated', petId, { householdId: householdId ?? null });
      },
      deletePet: async (_, { id }, ctx) => {
        await changeablePet(ctx, id);
        return change(ctx.db, async (tx, emit) => {
          const deleted = await deletePet(tx, id);
          if (!deleted) throw notFound('Pet', id);
          petDeleted(emit, deleted);
          return true;
        });
      },
    },
    Pet: {
      __resolveReference: (ref, ctx) => readPet(ctx, ref.id),
      owner: (pet, _, ctx) => readableOwner(ctx, pet.ownerId),
      household: (pet, _, ctx) => (pet.householdId ? ctx.loaders.householdById.load(pet.householdId) : null),
      viewerAccess: async (pet, _, ctx) => ((await canReadPet(ctx, pet)) ? ctx.grants.issue('Pet', pet.id) : null),
    },
  } satisfies Resolvers,
};
