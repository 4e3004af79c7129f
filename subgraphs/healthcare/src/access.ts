import { badInput, forbidden, notFound } from '@psa/subgraph-kit';
import type { HealthcareContext } from './context';
import { petCopies } from './modules/core-copies/tables';

/** Claims staff: they review, approve, deny and pay claims, and read every policy. */
export const INSURANCE_ADJUSTER_ROLE = 'insurance_adjuster';
/** Wellness staff: they read every pet's wellness plans. */
export const WELLNESS_STAFF_ROLE = 'wellness_staff';
/** Telemedicine vets: they run consultations (start, complete, mark no-shows) and read every subscription. */
export const TELEMEDICINE_VET_ROLE = 'telemedicine_vet';

export type PetCopy = Pick<typeof petCopies.$inferSelect, 'id' | 'ownerId' | 'species' | 'birthDate' | 'status' | 'deleted'>;

export const hasAnyRole = (ctx: HealthcareContext, roles: readonly string[]) => ctx.viewer.isAdmin || roles.some((role) => ctx.viewer.hasRole(role));

/**
 * The core owner the viewer signs in as: the owner copy whose clerkId is the token subject (kept current by core's
 * events), or null for someone who is not an owner.
 */
export async function viewerOwnerId(ctx: HealthcareContext): Promise<string | null> {
  const subject = ctx.viewer.requireSubject();
  return (await ctx.loaders.ownerByClerkId.load(subject))?.id ?? null;
}

/** Healthcare's copy of a pet, deleted or not (the request's loader: one statement for every pet it asks); NOT_FOUND when it never had one. */
export async function petCopy(ctx: HealthcareContext, petId: string): Promise<PetCopy> {
  const copy = await ctx.loaders.petById.load(petId);
  if (!copy) throw notFound('Pet', petId);
  return copy;
}

/** A pet core has (healthcare's copy, kept current by events, never a call to core): NOT_FOUND when missing or deleted. */
export async function existingPet(ctx: HealthcareContext, petId: string): Promise<PetCopy> {
  const copy = await petCopy(ctx, petId);
  if (copy.deleted) throw notFound('Pet', petId);
  return copy;
}

/**
 * New cover is only for live pets: a DECEASED one is BAD_USER_INPUT naming `field`. Checked after the viewer is
 * known to be the pet's owner, so a stranger learns nothing of another's pet.
 */
export function assertAlive(field: string, pet: PetCopy): void {
  if (pet.status === 'DECEASED') throw badInput(field, `pet ${pet.id} is DECEASED`);
}

/** Throws FORBIDDEN unless the viewer is the pet's owner (per healthcare's copies), an admin or one of `staffRoles`. */
export async function assertPetOwnerOr(ctx: HealthcareContext, pet: PetCopy, staffRoles: readonly string[], action: string): Promise<void> {
  ctx.viewer.requireSubject();
  if (hasAnyRole(ctx, staffRoles)) return;
  const ownerId = await viewerOwnerId(ctx);
  if (ownerId === null || pet.ownerId !== ownerId) throw forbidden(`only the owner of pet ${pet.id} may ${action}`);
}

/** The same rule as a yes/no, for reads that answer null instead of refusing. */
export async function mayActForPet(ctx: HealthcareContext, petId: string, staffRoles: readonly string[]): Promise<boolean> {
  if (!ctx.viewer.subject) return false;
  if (hasAnyRole(ctx, staffRoles)) return true;
  const [ownerId, copy] = await Promise.all([viewerOwnerId(ctx), ctx.loaders.petById.load(petId)]);
  return ownerId !== null && copy !== null && copy.ownerId === ownerId;
}

/** Resolves `pet` on healthcare's own types to a reference core completes. */
export const petOf = (row: { petId: string }) => ({ __typename: 'Pet' as const, id: row.petId });
