import { forbidden, notFound, assertAlive, existingPet, viewerOwnerId } from '@psa/subgraph-kit';
import type { HealthcareContext } from '../../context';
import { clinicRolesOf } from '../clinics/access';
import type { AppointmentRow } from './tables';

/** One of the viewer's own live pets: NOT_FOUND if core has no such pet, FORBIDDEN if it is someone else's, BAD_USER_INPUT if DECEASED. */
export async function ownLivePet(ctx: HealthcareContext, field: string, petId: string, ownerId: string) {
  const pet = await existingPet(ctx, petId);
  if (pet.ownerId !== ownerId) throw forbidden(`pet ${petId} is not yours`);
  assertAlive(field, pet);
  return pet;
}

export type AppointmentAccess = 'owner' | 'clinic' | 'vet' | 'admin' | null;

/**
 * Who the viewer is to an appointment: its owner; the clinic's admins and receptionists; its vet; admins. The
 * same rule answers every read of an appointment, whichever field or entity leads to it.
 */
export async function accessTo(ctx: HealthcareContext, appointment: AppointmentRow): Promise<AppointmentAccess> {
  if (!ctx.viewer.subject) return null;
  if (ctx.viewer.isAdmin) return 'admin';
  if ((await viewerOwnerId(ctx)) === appointment.ownerId) return 'owner';
  const roles = await clinicRolesOf(ctx, appointment.clinicId);
  if (roles.includes('ADMIN') || roles.includes('RECEPTIONIST')) return 'clinic';
  if (appointment.vetId && roles.includes('VET')) {
    const vet = await ctx.loaders.vetById.load(appointment.vetId);
    if (vet?.userId === ctx.viewer.subject) return 'vet';
  }
  return null;
}

/** The appointment if the viewer may see it; NOT_FOUND otherwise (an id of someone else's says nothing). */
export async function visibleAppointment(
  ctx: HealthcareContext,
  id: string,
): Promise<{ appointment: AppointmentRow; access: Exclude<AppointmentAccess, null> }> {
  ctx.viewer.requireSubject();
  const appointment = await ctx.loaders.appointmentById.load(id);
  const access = appointment ? await accessTo(ctx, appointment) : null;
  if (!appointment || !access) throw notFound('Appointment', id);
  return { appointment, access };
}

/** The appointments of a list the viewer may see (staff reading a pet of another clinic see none of those). */
export async function visibleOnly(ctx: HealthcareContext, rows: AppointmentRow[]): Promise<AppointmentRow[]> {
  const allowed = await Promise.all(rows.map((row) => accessTo(ctx, row)));
  return rows.filter((_, i) => allowed[i] !== null);
}
