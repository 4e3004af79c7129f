import type DataLoader from 'dataloader';
import { badInput, forbidden, notFound } from './errors';
import type { SubgraphContext } from './subgraph';

/** What a division's pet copy holds at least (its copies table, kept current by core's events). */
export interface PetCopyFields {
  id: string;
  ownerId: string | null;
  status: string | null;
  deleted: boolean;
}

/**
 * The two loaders a division with copies of core's pets and owners gives its requests, for the rules below: the
 * pet copy by id (deleted or not) and the owner copy a token subject signs in as (not deleted).
 */
export interface CopyLoaders<P extends PetCopyFields = PetCopyFields> {
  petById: DataLoader<string, P | null>;
  ownerByClerkId: DataLoader<string, { id: string } | null>;
}

type CopyContext<P extends PetCopyFields> = SubgraphContext<CopyLoaders<P>>;

export const hasAnyRole = (ctx: SubgraphContext<unknown>, roles: readonly string[]) => ctx.viewer.isAdmin || roles.some((role) => ctx.viewer.hasRole(role));

/** The core owner the viewer signs in as (the owner copy whose clerkId is the token subject), or null. */
export async function viewerOwnerId<P extends PetCopyFields>(ctx: CopyContext<P>): Promise<string | null> {
  const subject = ctx.viewer.requireSubject();
  return (await ctx.loaders.ownerByClerkId.load(subject))?.id ?? null;
}

/** The viewer's core owner id, or FORBIDDEN for someone signed in who is not an owner (yet). */
export async function requireViewerOwnerId<P extends PetCopyFields>(ctx: CopyContext<P>): Promise<string> {
  const ownerId = await viewerOwnerId(ctx);
  if (!ownerId) throw forbidden('only pet owners may do this: create your owner profile first');
  return ownerId;
}

/** The division's copy of a pet, deleted or not (one statement for every pet a request asks); NOT_FOUND when it never had one. */
export async function petCopy<P extends PetCopyFields>(ctx: CopyContext<P>, petId: string): Promise<P> {
  const copy = await ctx.loaders.petById.load(petId);
  if (!copy) throw notFound('Pet', petId);
  return copy;
}

/** A pet core has (the copy, never a call to core): NOT_FOUND when missing or deleted. */
export async function existingPet<P extends PetCopyFields>(ctx: CopyContext<P>, petId: string): Promise<P> {
  const copy = await petCopy(ctx, petId);
  if (copy.deleted) throw notFound('Pet', petId);
  return copy;
}

/**
 * New business is only for live pets: a DECEASED one is BAD_USER_INPUT naming `field`. Checked after the viewer is
 * known to be the pet's owner, so a stranger learns nothing of another's pet.
 */
export function assertAlive(field: string, pet: PetCopyFields): void {
  if (pet.status === 'DECEASED') throw badInput(field, `pet ${pet.id} is DECEASED`);
}

/** Throws FORBIDDEN unless the viewer is the pet's owner (per the copies), an admin or one of `staffRoles`. */
export async function assertPetOwnerOr<P extends PetCopyFields>(ctx: CopyContext<P>, pet: P, staffRoles: readonly string[], action: string): Promise<void> {
  ctx.viewer.requireSubject();
  if (hasAnyRole(ctx, staffRoles)) return;
  const ownerId = await viewerOwnerId(ctx);
  if (ownerId === null || pet.ownerId !== ownerId) throw forbidden(`only the owner of pet ${pet.id} may ${action}`);
}

/** The same rule as a yes/no, for reads that answer null instead of refusing. */
export async function mayActForPet<P extends PetCopyFields>(ctx: CopyContext<P>, petId: string, staffRoles: readonly string[]): Promise<boolean> {
  if (!ctx.viewer.subject) return false;
  if (hasAnyRole(ctx, staffRoles)) return true;
  const [ownerId, copy] = await Promise.all([viewerOwnerId(ctx), ctx.loaders.petById.load(petId)]);
  return ownerId !== null && copy !== null && copy.ownerId === ownerId;
}

/** Resolves `pet` on a division's own types to a reference core completes. */
export const petOf = (row: { petId: string }) => ({ __typename: 'Pet' as const, id: row.petId });
