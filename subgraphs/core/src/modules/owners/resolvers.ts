import { conflict, forbidden, notFound, type SubgraphModule } from '@psa/subgraph-kit';
import { loadTypeDefs } from '@psa/subgraph-kit';
import type { CoreContext } from '../../context';
import { assertCanChangeOwner, readablePets, viewerScope, readableOwner } from '../../access';
import { ownerChanges } from './rules';
import { erasureRequestedFor, insertOwner, updateOwner } from './store';
import type { OwnerRow } from './tables';
import { change } from '../../outbox';
import { ownerChanged } from '../../events';
import type { Resolvers } from '../../generated/resolvers';

/** A profile the viewer may not see is NOT_FOUND, as one that does not exist. */
async function loadVisibleOwner(ctx: CoreContext, id: string): Promise<OwnerRow> {
  const owner = await readableOwner(ctx, id);
  if (!owner) throw notFound('Owner', id);
  return owner;
}

function saveOwner(ctx: CoreContext, id: string, changes: Parameters<typeof updateOwner>[2]): Promise<OwnerRow> {
  return change(ctx.db, async (tx, emit) => {
    const owner = await updateOwner(tx, id, changes);
    ownerChanged(emit, 'owner.updated', owner);
    return owner;
  });
}

export const ownersModule: SubgraphModule = {
  name: 'owners',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      me: async (_, __, ctx) => (await viewerScope(ctx)).owner,
      owner: (_, { id }, ctx) => readableOwner(ctx, id),
    },
    Mutation: {
      createOwner: async (_, { input }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const clerkId = input.clerkId ?? subject;
        if (clerkId !== subject && !ctx.viewer.isAdmin) {
          throw forbidden('input.clerkId: only admins may create a profile for another identity');
        }
        const changes = ownerChanges(input, false);
        if (await ctx.loaders.ownerByClerkId.load(clerkId)) throw conflict('input.clerkId', `${clerkId} already has an owner profile`);
        if (await erasureRequestedFor(ctx.db, clerkId))
          throw conflict('input.clerkId', `${clerkId}'s profile is being erased: a new one can be created once it is purged`);
        return change(ctx.db, async (tx, emit) => {
          const owner = await insertOwner(tx, { ...changes, clerkId } as Parameters<typeof insertOwner>[1]);
          ownerChanged(emit, 'owner.created', owner);
          return owner;
        });
      },
      updateOwner: async (_, { id, input }, ctx) => {
        const owner = await loadVisibleOwner(ctx, id);
        await assertCanChangeOwner(ctx, owner);
        const changes = ownerChanges(input, true);
        // A new address is unverified until its owner proves they read it.
        if (typeof changes.email === 'string' && changes.email !== owner.email) changes.emailVerifiedAt = null;
        return Object.keys(changes).length === 0 ? owner : saveOwner(ctx, id, changes);
      },
      setMembership: async (_, { ownerId, level, expiresAt }, ctx) => {
        if (!ctx.viewer.isAdmin) throw forbidden('only admins may change a membership');
        await loadVisibleOwner(ctx, ownerId);
        return saveOwner(ctx, ownerId, { membershipLevel: level, membershipStartDate: new Date(), membershipExpiresAt: expiresAt ?? null });
      },
    },
    Owner: {
      __resolveReference: (ref, ctx) => readableOwner(ctx, ref.id),
      pets: async (owner, _, ctx) => readablePets(ctx, await ctx.loaders.petsByOwnerId.load(owner.id)),
      households: (owner, _, ctx) => ctx.loaders.membershipsByOwnerId.load(owner.id),
      // Reached only through a reference core resolved for this viewer: the profile is theirs to see.
      viewerAccess: (owner, _, ctx) => ctx.grants.issue('Owner', owner.id),
    },
  } satisfies Resolvers,
};
