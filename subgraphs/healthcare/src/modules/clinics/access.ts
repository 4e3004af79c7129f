import { eq } from 'drizzle-orm';
import { badInput, forbidden, loadOrNotFound } from '@psa/subgraph-kit';
import { services } from './tables';
import type { HealthcareContext } from '../../context';

export type ClinicRole = 'VET' | 'ADMIN' | 'RECEPTIONIST';

/** The viewer's roles at a clinic (active staff rows; one look-up per request for all clinics). */
export async function clinicRolesOf(ctx: HealthcareContext, clinicId: string): Promise<ClinicRole[]> {
  const subject = ctx.viewer.subject;
  if (!subject) return [];
  const rows = await ctx.loaders.staffByUserId.load(subject);
  return rows.filter((r) => r.clinicId === clinicId).map((r) => r.role);
}

/** Admins, or staff of the clinic in one of `roles`; anyone else is FORBIDDEN. */
export async function assertClinicRole(ctx: HealthcareContext, clinicId: string, roles: readonly ClinicRole[], action: string): Promise<void> {
  ctx.viewer.requireSubject();
  if (ctx.viewer.isAdmin) return;
  const held = await clinicRolesOf(ctx, clinicId);
  if (!held.some((role) => roles.includes(role)))
    throw forbidden(`only the clinic's ${roles.map((r) => r.toLowerCase()).join(' or ')} staff and admins may ${action}`);
}

/** The clinic, or NOT_FOUND. */
export const clinicOrNotFound = (ctx: HealthcareContext, clinicId: string) => loadOrNotFound(ctx.loaders.clinicById, clinicId, 'Clinic');

/** The catalog entry with this slug, or BAD_USER_INPUT naming the field. */
export async function serviceBySlug(ctx: HealthcareContext, field: string, slug: string) {
  const [service] = await ctx.db.select().from(services).where(eq(services.slug, slug)).limit(1);
  if (!service) throw badInput(field, `no service "${slug}" in the catalog`);
  return service;
}
