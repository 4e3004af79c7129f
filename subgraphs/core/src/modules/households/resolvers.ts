import { badInput, conflict, forbidden, loadOrNotFound, loadTypeDefs, notFound, requiredText, type SubgraphModule } from '@psa/subgraph-kit';
import type { CoreContext } from '../../context';
import { readableOwner, readablePets, viewerScope, visibleHousehold } from '../../access';
import { bumpHousehold, deleteMember, insertHousehold, insertMember, membersOf, setMemberRole } from './store';
import { change } from '../../outbox';
import { householdChanged, petChanged } from '../../events';
import type { HouseholdRow } from './tables';
import type { Resolvers } from '../../generated/resolvers';

/** A household the viewer is not a member of is NOT_FOUND, as one that does not exist. */
async function loadHousehold(ctx: CoreContext, id: string): Promise<HouseholdRow> {
  const household = await visibleHousehold(ctx, id);
  if (!household) throw notFound('Household', id);
  return household;
}

async function assertCanManage(ctx: CoreContext, household: HouseholdRow): Promise<void> {
  if (ctx.viewer.isAdmin) return;
  const { owner } = await viewerScope(ctx);
  if (owner?.id !== household.primaryOwnerId) throw forbidden(`only the primary owner of household ${household.id} may manage its members`);
}

export const householdsModule: SubgraphModule = {
  name: 'households',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      household: (_, { id }, ctx) => visibleHousehold(ctx, id),
    },
    Mutation: {
      createHousehold: async (_, { name }, ctx) => {
        const { owner } = await viewerScope(ctx);
        if (!owner) throw badInput('name', 'create your owner profile before creating a household');
        const validName = requiredText('name', name, 100);
        return change(ctx.db, async (tx, emit) => {
          const household = await insertHousehold(tx, validName, owner.id);
          householdChanged(emit, 'household.created', household, await membersOf(tx, household.id));
          return household;
        });
      },
      addHouseholdMember: async (_, { householdId, ownerId, role }, ctx) => {
        const household = await loadHousehold(ctx, householdId);
        await assertCanManage(ctx, household);
        if (role === 'PRIMARY') throw badInput('role', 'a household has exactly one PRIMARY member, its creator');
        await loadOrNotFound(ctx.loaders.ownerById, ownerId, 'Owner');
        const members = await ctx.loaders.membersByHouseholdId.load(householdId);
        if (members.some((m) => m.ownerId === ownerId)) throw conflict('ownerId', `owner ${ownerId} is already a member of household ${householdId}`);
        return change(ctx.db, async (tx, emit) => {
          const member = await insertMember(tx, { householdId, ownerId, role: role ?? 'SECONDARY' });
          const { household: bumped, members: after } = await bumpHousehold(tx, householdId);
          householdChanged(emit, 'household.updated', bumped, after);
          return member;
        });
      },
      changeHouseholdMemberRole: async (_, { householdId, ownerId, role }, ctx) => {
        const household = await loadHousehold(ctx, householdId);
        await assertCanManage(ctx, household);
        if (role === 'PRIMARY' || ownerId === household.primaryOwnerId) throw badInput('role', 'the PRIMARY member cannot be changed');
        return change(ctx.db, async (tx, emit) => {
          const member = await setMemberRole(tx, householdId, ownerId, role);
          if (!member) throw notFound('HouseholdMember', `${householdId}/${ownerId}`);
          const { household: bumped, members } = await bumpHousehold(tx, householdId);
          householdChanged(emit, 'household.updated', bumped, members);
          return member;
        });
      },
      removeHouseholdMember: async (_, { householdId, ownerId }, ctx) => {
        const household = await loadHousehold(ctx, householdId);
        const { owner } = ctx.viewer.isAdmin ? { owner: null } : await viewerScope(ctx);
        if (owner?.id !== ownerId) await assertCanManage(ctx, household);
        if (ownerId === household.primaryOwnerId) throw badInput('ownerId', 'the primary owner cannot leave their household');
        return change(ctx.db, async (tx, emit) => {
          const petsThatLeft = await deleteMember(tx, householdId, ownerId);
          if (!petsThatLeft) throw notFound('HouseholdMember', `${householdId}/${ownerId}`);
          const { household: bumped, members } = await bumpHousehold(tx, householdId);
          householdChanged(emit, 'household.updated', bumped, members);
          for (const pet of petsThatLeft) petChanged(emit, 'pet.updated', pet);
          return true;
        });
      },
    },
    Household: {
      __resolveReference: (ref, ctx) => visibleHousehold(ctx, ref.id),
      primaryOwner: (household, _, ctx) => readableOwner(ctx, household.primaryOwnerId),
      members: (household, _, ctx) => ctx.loaders.membersByHouseholdId.load(household.id),
      pets: async (household, _, ctx) => readablePets(ctx, await ctx.loaders.petsByHouseholdId.load(household.id)),
      // Reached only through a household core resolved for this viewer (a member, or an admin).
      viewerAccess: (household, _, ctx) => ctx.grants.issue('Household', household.id),
    },
    HouseholdMember: {
      // A member row always has its household (a foreign key); the type says so, and a miss would be NOT_FOUND.
      household: (member, _, ctx) => loadOrNotFound(ctx.loaders.householdById, member.householdId, 'Household'),
      owner: (member, _, ctx) => readableOwner(ctx, member.ownerId),
      displayName: async (member, _, ctx) => {
        const owner = await ctx.loaders.ownerById.load(member.ownerId);
        return owner ? `${owner.firstName} ${owner.lastName.charAt(0)}.` : 'former member';
      },
    },
  } satisfies Resolvers,
};
