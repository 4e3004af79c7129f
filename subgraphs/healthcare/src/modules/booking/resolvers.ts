import { and, asc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import { isUniqueViolation } from '@psa/db';
import {
  assertCoreAccess,
  badInput,
  conflict,
  dateAfter,
  forbidden,
  loadOrNotFound,
  loadTypeDefs,
  notFound,
  optionalText,
  requiredText,
  toIsoDate,
  type SubgraphModule,
  viewerOwnerId,
  requireViewerOwnerId,
} from '@psa/subgraph-kit';
import type { VaccineType } from '@psa/events';
import type { HealthcareContext } from '../../context';
import { publishVaccinationsGiven, type VaccineGiven } from '../vaccinations-given/publish';
import type { Resolvers } from '../../generated/resolvers';
import { assertClinicRole, clinicOrNotFound, serviceBySlug } from '../clinics/access';
import { clinicServices, vets } from '../clinics/tables';
import * as clinicRules from '../clinics/rules';
import { accessTo, ownLivePet, visibleAppointment, visibleOnly } from './access';
import { changeStatus, clockIn, confirmationCode, daysBetween, hasStarted, isOpen, passOffersOn, releaseSeat, slotTimes, takeSeat, todayIn } from './rules';
import { appointments, appointmentStatusHistory, availabilitySlots, slotRules, waitlistEntries, type AppointmentRow } from './tables';

const MAX_BOOKINGS_PER_SLOT = 50;
const MAX_VACCINES_PER_VISIT = 20;

/** The vaccines a completion records, checked field by field (input.vaccinesGiven[i].field). */
function vaccinesGiven(
  input:
    | { vaccineName: string; vaccineType: VaccineType; manufacturer: string; lotNumber: string; nextDueDate?: Date | null; expirationDate?: Date | null }[]
    | null
    | undefined,
  visitDate: string,
): VaccineGiven[] {
  const list = input ?? [];
  if (list.length > MAX_VACCINES_PER_VISIT) throw badInput('input.vaccinesGiven', `at most ${MAX_VACCINES_PER_VISIT} per appointment, got ${list.length}`);
  const names = new Set<string>();
  return list.map((v, i) => {
    const field = `input.vaccinesGiven[${i}]`;
    const vaccineName = requiredText(`${field}.vaccineName`, v.vaccineName);
    if (names.has(vaccineName.toLowerCase())) throw badInput(`${field}.vaccineName`, `"${vaccineName}" is listed twice`);
    names.add(vaccineName.toLowerCase());
    return {
      vaccineName,
      vaccineType: v.vaccineType,
      manufacturer: requiredText(`${field}.manufacturer`, v.manufacturer),
      lotNumber: requiredText(`${field}.lotNumber`, v.lotNumber, 100),
      nextDueDate: v.nextDueDate ? dateAfter(`${field}.nextDueDate`, v.nextDueDate, 'the appointment date', visitDate) : null,
      expirationDate: v.expirationDate ? toIsoDate(v.expirationDate) : null,
    };
  });
}

/** How the clinic offers a service, or BAD_USER_INPUT: the clinic must offer it, for the pet's species. */
async function offerFor(ctx: HealthcareContext, clinicId: string, serviceId: number, species: string | null, field: string, slug: string) {
  const [offer] = await ctx.db
    .select()
    .from(clinicServices)
    .where(and(eq(clinicServices.clinicId, clinicId), eq(clinicServices.serviceId, serviceId), eq(clinicServices.isActive, true)))
    .limit(1);
  if (!offer) throw badInput(field, `the clinic does not offer "${slug}"`);
  if (offer.acceptedSpecies && (!species || !offer.acceptedSpecies.includes(species)))
    throw badInput('input.petId', `"${slug}" at this clinic is for ${offer.acceptedSpecies.join(', ')}, not ${species ?? 'an unknown species'}`);
  return offer;
}

function homeAddress(
  slotType: 'IN_PERSON' | 'HOME_VISIT',
  input: { line1: string; line2?: string | null; city: string; state: string; postalCode: string; accessNotes?: string | null } | null | undefined,
) {
  if (slotType === 'IN_PERSON') {
    if (input) throw badInput('input.homeAddress', 'is only for home_visit slots');
    return {};
  }
  if (!input) throw badInput('input.homeAddress', 'is required for a home_visit slot');
  return {
    homeAddressLine1: requiredText('input.homeAddress.line1', input.line1, 255),
    homeAddressLine2: optionalText('input.homeAddress.line2', input.line2, 255),
    homeCity: requiredText('input.homeAddress.city', input.city, 100),
    homeState: requiredText('input.homeAddress.state', input.state, 50),
    homePostalCode: requiredText('input.homeAddress.postalCode', input.postalCode, 20),
    homeAccessNotes: optionalText('input.homeAddress.accessNotes', input.accessNotes, 1000),
  };
}

/** A future slot of the clinic, read for its day and times (the seat itself is taken by takeSeat). */
async function futureSlot(ctx: HealthcareContext, slotId: string, field: string) {
  const slot = await loadOrNotFound(ctx.loaders.slotById, slotId, 'AvailabilitySlot');
  const clinic = await clinicOrNotFound(ctx, slot.clinicId);
  if (!clinic.isActive) throw badInput(field, `clinic ${clinic.id} takes no bookings`);
  if (hasStarted(slot, clinic.timezone)) throw badInput(field, `slot ${slotId} (${slot.slotDate} ${hhmm(slot.startTime)}, ${clinic.timezone}) has started`);
  return slot;
}

/** Inserts with a fresh confirmation code; a clash with an existing code (about 1 in 10^11) draws again. */
async function insertAppointment(ctx: HealthcareContext, values: Omit<typeof appointments.$inferInsert, 'confirmationCode'>): Promise<AppointmentRow> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await ctx.db
      .insert(appointments)
      .values({ ...values, confirmationCode: confirmationCode() })
      .onConflictDoNothing({ target: appointments.confirmationCode })
      .returning();
    if (row) return row;
  }
  throw new Error('no free confirmation code after 5 draws');
}

/** A visit is completed or missed once it has begun on the clinic's clock: BAD_USER_INPUT naming `id` before that. */
async function assertBegun(ctx: HealthcareContext, appointment: AppointmentRow, what: string): Promise<void> {
  const clinic = await clinicOrNotFound(ctx, appointment.clinicId);
  if (!hasStarted({ slotDate: appointment.scheduledDate, startTime: appointment.scheduledStart }, clinic.timezone))
    throw badInput(
      'id',
      `appointment ${appointment.id} begins ${appointment.scheduledDate} ${appointment.scheduledStart} (clinic time): it is ${what} once it has begun`,
    );
}

async function assertStaffOf(ctx: HealthcareContext, appointment: AppointmentRow, roles: ('ADMIN' | 'RECEPTIONIST' | 'VET')[], action: string) {
  await assertClinicRole(ctx, appointment.clinicId, roles, action);
}

const hhmm = clinicRules.hhmm;

export const bookingModule: SubgraphModule = {
  name: 'booking',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      availableSlots: async (_, { clinicId, date, vetId, service }, ctx) => {
        const clinic = await clinicOrNotFound(ctx, clinicId);
        const day = toIsoDate(date);
        const today = todayIn(clinic.timezone);
        if (day < today) return [];
        const serviceRow = service ? await serviceBySlug(ctx, 'service', service) : null;
        return ctx.db
          .select()
          .from(availabilitySlots)
          .where(
            and(
              eq(availabilitySlots.clinicId, clinicId),
              eq(availabilitySlots.slotDate, day),
              eq(availabilitySlots.isBlocked, false),
              lt(availabilitySlots.currentBookings, availabilitySlots.maxBookings),
              // Today: only slots that have not started.
              day === today ? gt(availabilitySlots.startTime, clockIn(clinic.timezone)) : undefined,
              vetId ? or(eq(availabilitySlots.vetId, vetId), isNull(availabilitySlots.vetId)) : undefined,
              serviceRow ? or(eq(availabilitySlots.serviceId, serviceRow.id), isNull(availabilitySlots.serviceId)) : undefined,
            ),
          )
          .orderBy(asc(availabilitySlots.startTime), asc(availabilitySlots.id));
      },
      appointment: async (_, { id }, ctx) => (await visibleAppointment(ctx, id)).appointment,
      appointmentByConfirmationCode: async (_, { code }, ctx) => {
        ctx.viewer.requireSubject();
        const [row] = await ctx.db.select().from(appointments).where(eq(appointments.confirmationCode, code.trim().toUpperCase())).limit(1);
        if (!row || !(await accessTo(ctx, row))) throw notFound('Appointment', code);
        return row;
      },
      myVetSchedule: async (_, { date }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const [vet] = await ctx.db.select().from(vets).where(eq(vets.userId, subject)).limit(1);
        if (!vet) throw forbidden('only vets have a schedule: you have no vet profile');
        return ctx.db
          .select()
          .from(appointments)
          .where(and(eq(appointments.vetId, vet.id), eq(appointments.scheduledDate, toIsoDate(date))))
          .orderBy(asc(appointments.scheduledStart), asc(appointments.id));
      },
      clinicAppointments: async (_, { clinicId, date }, ctx) => {
        await clinicOrNotFound(ctx, clinicId);
        await assertClinicRole(ctx, clinicId, ['ADMIN', 'RECEPTIONIST'], 'list its appointments');
        return ctx.db
          .select()
          .from(appointments)
          .where(and(eq(appointments.clinicId, clinicId), eq(appointments.scheduledDate, toIsoDate(date))))
          .orderBy(asc(appointments.scheduledStart), asc(appointments.id));
      },
      slotRules: async (_, { clinicId }, ctx) => {
        await clinicOrNotFound(ctx, clinicId);
        await assertClinicRole(ctx, clinicId, ['ADMIN'], 'read its slot rules');
        return ctx.db.select().from(slotRules).where(eq(slotRules.clinicId, clinicId)).orderBy(asc(slotRules.dayOfWeek), asc(slotRules.startTime));
      },
      myWaitlist: async (_, __, ctx) => {
        const ownerId = await requireViewerOwnerId(ctx);
        return ctx.db.select().from(waitlistEntries).where(eq(waitlistEntries.ownerId, ownerId)).orderBy(asc(waitlistEntries.createdAt));
      },
    },
    Mutation: {
      addSlotRule: async (_, { clinicId, input }, ctx) => {
        await clinicOrNotFound(ctx, clinicId);
        await assertClinicRole(ctx, clinicId, ['ADMIN'], 'add slot rules');
        const [startTime, endTime] = clinicRules.timeRange('input.startTime', input.startTime, 'input.endTime', input.endTime);
        const serviceRow = input.service ? await serviceBySlug(ctx, 'input.service', input.service) : null;
        if (input.vetId) {
          const works = (await ctx.loaders.vetsByClinicId.load(clinicId)).some((r) => r.vet.id === input.vetId);
          if (!works) throw badInput('input.vetId', `vet ${input.vetId} does not work at this clinic`);
        }
        const [rule] = await ctx.db
          .insert(slotRules)
          .values({
            clinicId,
            vetId: input.vetId ?? null,
            serviceId: serviceRow?.id ?? null,
            dayOfWeek: clinicRules.dayOfWeek('input.dayOfWeek', input.dayOfWeek),
            startTime,
            endTime,
            slotMinutes: clinicRules.wholeNumberBetween('input.slotMinutes', input.slotMinutes, 5, 480)!,
            slotType: input.slotType ?? 'IN_PERSON',
            maxBookings: clinicRules.wholeNumberBetween('input.maxBookings', input.maxBookings, 1, MAX_BOOKINGS_PER_SLOT) ?? 1,
          })
          .returning();
        return rule!;
      },
      generateSlots: async (_, { clinicId, from, to }, ctx) => {
        await clinicOrNotFound(ctx, clinicId);
        await assertClinicRole(ctx, clinicId, ['ADMIN'], 'generate slots');
        const days = daysBetween(toIsoDate(from), toIsoDate(to));
        const rules = await ctx.db.select().from(slotRules).where(eq(slotRules.clinicId, clinicId));
        const rows = days.flatMap((day) =>
          rules
            .filter((rule) => rule.dayOfWeek === day.dayOfWeek)
            .flatMap((rule) =>
              slotTimes(hhmm(rule.startTime), hhmm(rule.endTime), rule.slotMinutes).map(([startTime, endTime]) => ({
                clinicId,
                vetId: rule.vetId,
                serviceId: rule.serviceId,
                slotDate: day.date,
                startTime,
                endTime,
                slotType: rule.slotType,
                maxBookings: rule.maxBookings,
              })),
            ),
        );
        let added = 0;
        // In chunks: PostgreSQL takes at most 65535 parameters per statement.
        for (let i = 0; i < rows.length; i += 1000) {
          const inserted = await ctx.db
            .insert(availabilitySlots)
            .values(rows.slice(i, i + 1000))
            .onConflictDoNothing()
            .returning({ id: availabilitySlots.id });
          added += inserted.length;
        }
        return added;
      },
      blockSlot: async (_, { slotId, blocked }, ctx) => {
        const slot = await loadOrNotFound(ctx.loaders.slotById, slotId, 'AvailabilitySlot');
        await assertClinicRole(ctx, slot.clinicId, ['ADMIN'], 'block slots');
        const [updated] = await ctx.db.update(availabilitySlots).set({ isBlocked: blocked }).where(eq(availabilitySlots.id, slotId)).returning();
        return updated!;
      },
      bookAppointment: async (_, { input }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const ownerId = await requireViewerOwnerId(ctx);
        const pet = await ownLivePet(ctx, 'input.petId', input.petId, ownerId);
        const slot = await futureSlot(ctx, input.slotId, 'input.slotId');
        const service = await serviceBySlug(ctx, 'input.service', input.service);
        if (slot.serviceId !== null && slot.serviceId !== service.id) throw badInput('input.service', `slot ${slot.id} is for another service`);
        await offerFor(ctx, slot.clinicId, service.id, pet.species, 'input.service', service.slug);
        const address = homeAddress(slot.slotType, input.homeAddress);
        const ownerNotes = optionalText('input.ownerNotes', input.ownerNotes, 5000);
        const [already] = await ctx.db
          .select({ id: appointments.id })
          .from(appointments)
          .where(and(eq(appointments.slotId, slot.id), eq(appointments.petId, pet.id), inArray(appointments.status, ['BOOKED', 'RESCHEDULED'])))
          .limit(1);
        if (already) throw conflict('input.slotId', `pet ${pet.id} already holds this slot (appointment ${already.id})`);
        await takeSeat(ctx.db, slot.id, 'input.slotId');
        let appointment: AppointmentRow;
        try {
          appointment = await insertAppointment(ctx, {
            clinicId: slot.clinicId,
            slotId: slot.id,
            ownerId,
            petId: pet.id,
            vetId: slot.vetId,
            serviceId: service.id,
            appointmentType: slot.slotType,
            scheduledDate: slot.slotDate,
            scheduledStart: slot.startTime,
            scheduledEnd: slot.endTime,
            ownerNotes,
            isEmergency: service.isEmergency,
            ...address,
          });
        } catch (error) {
          if (isUniqueViolation(error)) throw conflict('input.slotId', `pet ${pet.id} already holds this slot`);
          throw error;
        }
        await ctx.db
          .insert(appointmentStatusHistory)
          .values({ appointmentId: appointment.id, previousStatus: null, newStatus: 'BOOKED', changedBy: subject, reason: 'booked' });
        // A waitlist offer of this slot to this pet is taken up.
        await ctx.db
          .update(waitlistEntries)
          .set({ status: 'BOOKED' })
          .where(and(eq(waitlistEntries.offeredSlotId, slot.id), eq(waitlistEntries.petId, pet.id), eq(waitlistEntries.status, 'OFFERED')));
        return appointment;
      },
      rescheduleAppointment: async (_, { id, slotId, reason }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const { appointment, access } = await visibleAppointment(ctx, id);
        if (access === 'vet') throw forbidden('only the owner and the clinic’s admins and receptionists reschedule');
        if (!isOpen(appointment.status)) throw conflict('id', `an appointment that is ${appointment.status} cannot be rescheduled`);
        if (slotId === appointment.slotId) throw badInput('slotId', 'is the slot the appointment already has');
        const slot = await futureSlot(ctx, slotId, 'slotId');
        if (slot.clinicId !== appointment.clinicId) throw badInput('slotId', 'must be a slot of the same clinic (cancel and book to change clinics)');
        if (slot.serviceId !== null && slot.serviceId !== appointment.serviceId) throw badInput('slotId', `slot ${slot.id} is for another service`);
        if (slot.slotType !== appointment.appointmentType)
          throw badInput('slotId', `slot ${slot.id} is ${slot.slotType}, the appointment ${appointment.appointmentType}`);
        await takeSeat(ctx.db, slot.id, 'slotId');
        const moved = await changeStatus(ctx.db, appointment, 'RESCHEDULED', subject, optionalText('reason', reason, 1000), {
          slotId: slot.id,
          vetId: slot.vetId,
          scheduledDate: slot.slotDate,
          scheduledStart: slot.startTime,
          scheduledEnd: slot.endTime,
          // A new time, a new reminder.
          reminderSentAt: null,
        });
        if (appointment.slotId) await releaseSeat(ctx.db, appointment.slotId);
        return moved;
      },
      cancelAppointment: async (_, { id, reason }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const { appointment, access } = await visibleAppointment(ctx, id);
        if (access === 'vet') throw forbidden('only the owner and the clinic’s admins and receptionists cancel');
        const why = requiredText('reason', reason, 1000);
        const next = access === 'owner' ? 'CANCELLED_BY_OWNER' : 'CANCELLED_BY_CLINIC';
        const cancelled = await changeStatus(ctx.db, appointment, next, subject, why, {
          cancelledBy: subject,
          cancellationReason: why,
          cancelledAt: new Date(),
        });
        if (appointment.slotId) await releaseSeat(ctx.db, appointment.slotId);
        return cancelled;
      },
      checkInAppointment: async (_, { id }, ctx) => {
        const { appointment } = await visibleAppointment(ctx, id);
        await assertStaffOf(ctx, appointment, ['ADMIN', 'RECEPTIONIST'], 'check patients in');
        if (!isOpen(appointment.status)) throw conflict('id', `an appointment that is ${appointment.status} cannot be checked in`);
        const [row] = await ctx.db
          .update(appointments)
          .set({ checkedInAt: new Date() })
          .where(and(eq(appointments.id, id), isNull(appointments.checkedInAt)))
          .returning();
        if (!row) throw conflict('id', `appointment ${id} is already checked in`);
        return row;
      },
      markNoShow: async (_, { id, reason }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const { appointment } = await visibleAppointment(ctx, id);
        await assertStaffOf(ctx, appointment, ['ADMIN', 'RECEPTIONIST'], 'mark no-shows');
        await assertBegun(ctx, appointment, 'marked a no-show');
        return changeStatus(ctx.db, appointment, 'NO_SHOW', subject, optionalText('reason', reason, 1000));
      },
      completeAppointment: async (_, { id, input }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const { appointment, access } = await visibleAppointment(ctx, id);
        if (access !== 'vet' && access !== 'admin') await assertStaffOf(ctx, appointment, ['ADMIN', 'VET'], 'complete appointments');
        await assertBegun(ctx, appointment, 'completed');
        const clinicNotes = optionalText('input.clinicNotes', input?.clinicNotes, 10_000);
        const vaccines = vaccinesGiven(input?.vaccinesGiven, appointment.scheduledDate);
        const completed = await changeStatus(ctx.db, appointment, 'COMPLETED', subject, 'completed', clinicNotes === null ? {} : { clinicNotes });
        if (vaccines.length > 0) {
          const clinic = await clinicOrNotFound(ctx, appointment.clinicId);
          const vet = appointment.vetId ? await ctx.loaders.vetById.load(appointment.vetId) : null;
          const [completer] = vet ? [vet] : await ctx.db.select().from(vets).where(eq(vets.userId, subject)).limit(1);
          await publishVaccinationsGiven(
            ctx.db,
            {
              id: appointment.id,
              petId: appointment.petId,
              clinicId: clinic.id,
              clinicName: clinic.name,
              veterinarianName: completer?.displayName ?? clinic.name,
              date: appointment.scheduledDate,
            },
            vaccines,
          );
        }
        return completed;
      },
      joinWaitlist: async (_, { input }, ctx) => {
        const ownerId = await requireViewerOwnerId(ctx);
        const pet = await ownLivePet(ctx, 'input.petId', input.petId, ownerId);
        const clinic = await clinicOrNotFound(ctx, input.clinicId);
        const service = await serviceBySlug(ctx, 'input.service', input.service);
        await offerFor(ctx, clinic.id, service.id, pet.species, 'input.service', service.slug);
        const desiredDate = toIsoDate(input.desiredDate);
        if (desiredDate < todayIn(clinic.timezone)) throw badInput('input.desiredDate', `must not be in the past, got ${desiredDate}`);
        const [entry] = await ctx.db
          .insert(waitlistEntries)
          .values({ clinicId: clinic.id, serviceId: service.id, vetId: input.vetId ?? null, desiredDate, ownerId, petId: pet.id })
          .onConflictDoNothing()
          .returning();
        if (!entry) throw conflict('input.petId', `pet ${pet.id} is already on this waitlist`);
        return entry;
      },
      leaveWaitlist: async (_, { id }, ctx) => {
        const ownerId = await requireViewerOwnerId(ctx);
        const [entry] = await ctx.db
          .update(waitlistEntries)
          .set({ status: 'WITHDRAWN' })
          .where(and(eq(waitlistEntries.id, id), eq(waitlistEntries.ownerId, ownerId), inArray(waitlistEntries.status, ['WAITING', 'OFFERED'])))
          .returning();
        if (!entry) throw notFound('WaitlistEntry', id);
        await passOffersOn(ctx.db, [entry]);
        return entry;
      },
    },
    AvailabilitySlot: {
      clinic: (slot, _, ctx) => clinicOrNotFound(ctx, slot.clinicId),
      vet: (slot, _, ctx) => (slot.vetId ? ctx.loaders.vetById.load(slot.vetId) : null),
      service: (slot, _, ctx) => (slot.serviceId === null ? null : ctx.loaders.serviceById.load(String(slot.serviceId))),
      startTime: (slot) => hhmm(slot.startTime),
      endTime: (slot) => hhmm(slot.endTime),
    },
    SlotRule: {
      vet: (rule, _, ctx) => (rule.vetId ? ctx.loaders.vetById.load(rule.vetId) : null),
      service: (rule, _, ctx) => (rule.serviceId === null ? null : ctx.loaders.serviceById.load(String(rule.serviceId))),
      startTime: (rule) => hhmm(rule.startTime),
      endTime: (rule) => hhmm(rule.endTime),
    },
    Appointment: {
      clinic: (a, _, ctx) => clinicOrNotFound(ctx, a.clinicId),
      slot: (a, _, ctx) => (a.slotId ? ctx.loaders.slotById.load(a.slotId) : null),
      pet: (a) => ({ __typename: 'Pet' as const, id: a.petId }),
      vet: (a, _, ctx) => (a.vetId ? ctx.loaders.vetById.load(a.vetId) : null),
      service: async (a, _, ctx) => (await ctx.loaders.serviceById.load(String(a.serviceId)))!,
      scheduledStart: (a) => hhmm(a.scheduledStart),
      scheduledEnd: (a) => hhmm(a.scheduledEnd),
      clinicNotes: async (a, _, ctx) => ((await accessTo(ctx, a)) === 'owner' ? null : a.clinicNotes),
      statusHistory: (a, _, ctx) => ctx.loaders.historyByAppointmentId.load(a.id),
      vaccinesGiven: (a, _, ctx) => ctx.loaders.vaccinesByAppointmentId.load(a.id),
    },
    WaitlistEntry: {
      clinic: (w, _, ctx) => clinicOrNotFound(ctx, w.clinicId),
      service: async (w, _, ctx) => (await ctx.loaders.serviceById.load(String(w.serviceId)))!,
      vet: (w, _, ctx) => (w.vetId ? ctx.loaders.vetById.load(w.vetId) : null),
      offeredSlot: (w, _, ctx) => (w.offeredSlotId ? ctx.loaders.slotById.load(w.offeredSlotId) : null),
    },
    Pet: {
      __resolveReference: (reference) => reference,
      // Core's grant (owner, household) shows every appointment; without it, staff see those of their clinics.
      appointments: async (pet, _, ctx) => {
        ctx.viewer.requireSubject();
        const rows = await ctx.loaders.appointmentsByPetId.load(pet.id);
        if (ctx.viewer.isAdmin || ctx.grants.holds('Pet', pet.id, pet.viewerAccess)) return rows;
        return visibleOnly(ctx, rows);
      },
    },
    Owner: {
      __resolveReference: (reference) => reference,
      appointments: async (owner, _, ctx) => {
        assertCoreAccess(ctx, 'Owner', owner);
        if (!ctx.viewer.isAdmin && (await viewerOwnerId(ctx)) !== owner.id) throw forbidden('only the owner reads their appointments');
        return ctx.loaders.appointmentsByOwnerId.load(owner.id);
      },
    },
  } satisfies Resolvers,
};
