import { forbidden } from './errors';
import type { SubgraphContext } from './subgraph';

/** Core's entities a division may add fields to, each under core's answer to "may this viewer see it?". */
export type CoreEntity = 'Pet' | 'Owner' | 'Household';

/**
 * A reference to one of core's entities as the gateway hands it to a division: its key plus the field the
 * division @requires, core's signed grant (`viewerAccess`, null when core says no). Never trusted as sent.
 */
export interface CoreEntityReference {
  id: string;
  viewerAccess?: string | null;
}

/**
 * Throws FORBIDDEN unless the viewer may see what this division holds on the entity: core's grant for this
 * viewer and this entity came with the reference, or the viewer has one of the division's staff roles (or is
 * an admin). Fails closed: no grant, someone else's, or a `true` a caller wrote reads nothing.
 */
export function assertCoreAccess(ctx: SubgraphContext<unknown>, entity: CoreEntity, reference: CoreEntityReference, staffRoles: readonly string[] = []): void {
  ctx.viewer.requireSubject();
  if (ctx.viewer.isAdmin || staffRoles.some((role) => ctx.viewer.hasRole(role))) return;
  if (ctx.grants.holds(entity, reference.id, reference.viewerAccess)) return;
  throw forbidden(`you may not see what is held on ${entity.toLowerCase()} ${reference.id}`);
}

/**
 * The resolver of a field a division adds to a core entity: core's access rule first, then `resolve` (a
 * DataLoader keyed by the entity's id, so N entities cost one statement). Declare the field nullable and
 * `@requires(fields: "viewerAccess")` beside `viewerAccess: String @external` in the division's SDL.
 */
export function coreEntityField<TContext extends SubgraphContext<unknown>, TResult>(
  entity: CoreEntity,
  staffRoles: readonly string[],
  resolve: (reference: CoreEntityReference, ctx: TContext) => TResult,
) {
  return (reference: CoreEntityReference, _args: unknown, ctx: TContext): TResult => {
    assertCoreAccess(ctx, entity, reference, staffRoles);
    return resolve(reference, ctx);
  };
}
