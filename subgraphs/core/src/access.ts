import { forbidden } from '@psa/subgraph-kit';
import type { CoreContext } from './context';
import type { OwnerRow } from './modules/owners/tables';
import type { PetRow } from './modules/pets/tables';
import type { HouseholdRow } from './modules/households/tables';

/**
 * Who may see and change what in core. The token subject is an owner's clerkId; admins see everything.
 * An owner reads and changes their own profile and pets; members of a household read its pets. A profile is
 * read only by its owner: being put in someone's household must not expose it.
 *
 * One rule for lookups: what a viewer may not see does not exist for them. A query by id or key answers null,
 * and a mutation NOT_FOUND, exactly as for a row that does not exist, so no answer tells whether a pet, chip
 * or profile is registered. FORBIDDEN is only for what the viewer can see but may not do (a household member
 * changing a pet that is not theirs, a secondary member managing members, an owner doing an admin's job).
 */
export interface ViewerScope {
  owner: OwnerRow | null;
  householdIds: ReadonlySet<string>;
}

// Keyed on the loaders, so the scope is rebuilt whenever they are (before every mutation field).
const scopes = new WeakMap<object, Promise<ViewerScope>>();

/** The viewer's own owner row and households, loaded once per set of loaders. */
export function viewerScope(ctx: CoreContext): Promise<ViewerScope> {
  let scope = scopes.get(ctx.loaders);
  if (!scope) {
    scope = (async () => {
      const subject = ctx.viewer.requireSubject();
      const viewer = await ctx.loaders.viewerByClerkId.load(subject);
      return viewer ? { owner: viewer.owner, householdIds: new Set(viewer.householdIds) } : { owner: null, householdIds: new Set<string>() };
    })();
    scopes.set(ctx.loaders, scope);
  }
  return scope;
}

export async function canReadPet(ctx: CoreContext, pet: PetRow): Promise<boolean> {
  if (ctx.viewer.isAdmin) return true;
  const { owner, householdIds } = await viewerScope(ctx);
  return (owner !== null && pet.ownerId === owner.id) || (pet.householdId !== null && householdIds.has(pet.householdId));
}

/** The pet when it exists and the viewer may see it, otherwise null. */
export async function visiblePet(ctx: CoreContext, pet: PetRow | null): Promise<PetRow | null> {
  return pet && (await canReadPet(ctx, pet)) ? pet : null;
}

export async function assertCanChangePet(ctx: CoreContext, pet: PetRow): Promise<void> {
  if (ctx.viewer.isAdmin) return;
  const { owner } = await viewerScope(ctx);
  if (owner === null || pet.ownerId !== owner.id) throw forbidden(`only the owner of pet ${pet.id} may change it`);
}

export async function canReadOwner(ctx: CoreContext, target: OwnerRow): Promise<boolean> {
  if (ctx.viewer.isAdmin) return true;
  const { owner } = await viewerScope(ctx);
  return owner !== null && owner.id === target.id;
}

/** The owner behind an id when the viewer may read the profile, otherwise null (for nullable links). */
export async function readableOwner(ctx: CoreContext, ownerId: string): Promise<OwnerRow | null> {
  const owner = await ctx.loaders.ownerById.load(ownerId);
  return owner && (await canReadOwner(ctx, owner)) ? owner : null;
}

export async function assertCanChangeOwner(ctx: CoreContext, target: OwnerRow): Promise<void> {
  if (ctx.viewer.isAdmin) return;
  const { owner } = await viewerScope(ctx);
  if (owner === null || owner.id !== target.id) throw forbidden(`only owner ${target.id} may change their profile`);
}

/** The household when it exists and the viewer is a member (or an admin), otherwise null. */
export async function visibleHousehold(ctx: CoreContext, householdId: string): Promise<HouseholdRow | null> {
  const household = await ctx.loaders.householdById.load(householdId);
  if (!household || ctx.viewer.isAdmin) return household;
  const { householdIds } = await viewerScope(ctx);
  return householdIds.has(householdId) ? household : null;
}

/** Keeps the items of a list the viewer may see; lists never fail because one item is someone else's. */
export async function readablePets(ctx: CoreContext, list: PetRow[]): Promise<PetRow[]> {
  const allowed = await Promise.all(list.map((pet) => canReadPet(ctx, pet)));
  return list.filter((_, i) => allowed[i]);
}
