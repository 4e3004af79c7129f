import { randomInt } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import type { PetGone } from '@psa/events';
import { badInput, conflict, allows, type TransitionTable } from '@psa/subgraph-kit';
import {
  appointments,
  appointmentStatusHistory,
  availabilitySlots,
  waitlistEntries,
  type AppointmentRow,
  type AppointmentStatus,
  type AvailabilitySlotRow,
  type WaitlistEntryRow,
} from './tables';
import { clinics } from '../clinics/tables';

/** The seed's status set as a graph: booked and rescheduled are open; the four others are ends. */
const NEXT: TransitionTable<AppointmentStatus> = {
  BOOKED: ['RESCHEDULED', 'CANCELLED_BY_OWNER', 'CANCELLED_BY_CLINIC', 'NO_SHOW', 'COMPLETED'],
  RESCHEDULED: ['RESCHEDULED', 'CANCELLED_BY_OWNER', 'CANCELLED_BY_CLINIC', 'NO_SHOW', 'COMPLETED'],
  CANCELLED_BY_OWNER: [],
  CANCELLED_BY_CLINIC: [],
  NO_SHOW: [],
  COMPLETED: [],
};

export const isOpen = (status: AppointmentStatus) => NEXT[status].length > 0;

/**
 * The one way an appointment's status changes: only along NEXT, only from the status the caller read (a
 * concurrent change in between is CONFLICT), always with its history row (who, why) in the same transaction.
 */
export async function changeStatus(
  tx: Db,
  appointment: AppointmentRow,
  next: AppointmentStatus,
  by: string | null,
  reason: string | null,
  changes: Partial<typeof appointments.$inferInsert> = {},
): Promise<AppointmentRow> {
  if (!allows(NEXT, appointment.status, next)) throw conflict('status', `an appointment that is ${appointment.status} cannot become ${next}`);
  const [updated] = await tx
    .update(appointments)
    .set({ ...changes, status: next })
    .where(and(eq(appointments.id, appointment.id), eq(appointments.status, appointment.status)))
    .returning();
  if (!updated) throw conflict('status', `appointment ${appointment.id} changed meanwhile; read it again`);
  await tx
    .insert(appointmentStatusHistory)
    .values({ appointmentId: appointment.id, previousStatus: appointment.status, newStatus: next, changedBy: by, reason });
  return updated;
}

/**
 * Takes one seat of a slot, or CONFLICT: the guarded increment is atomic, so however many bookings race for the
 * last seat, one gets it (the database's check refuses anything past max_bookings besides).
 */
export async function takeSeat(tx: Db, slotId: string, field: string): Promise<AvailabilitySlotRow> {
  const [slot] = await tx
    .update(availabilitySlots)
    .set({ currentBookings: sql`${availabilitySlots.currentBookings} + 1` })
    .where(
      and(
        eq(availabilitySlots.id, slotId),
        eq(availabilitySlots.isBlocked, false),
        sql`${availabilitySlots.currentBookings} < ${availabilitySlots.maxBookings}`,
      ),
    )
    .returning();
  if (!slot) throw conflict(field, `slot ${slotId} is fully booked or blocked`);
  return slot;
}

/** Gives a seat back, and offers it to the first in the waitlist it fits. */
export async function releaseSeat(tx: Db, slotId: string): Promise<void> {
  const [slot] = await tx
    .update(availabilitySlots)
    .set({ currentBookings: sql`${availabilitySlots.currentBookings} - 1` })
    .where(eq(availabilitySlots.id, slotId))
    .returning();
  if (slot) await offerToWaitlist(tx, slot);
}

/**
 * In SQL, the instant a clinic's local date and time stand for, in the clinic's timezone: how the database asks
 * whether a slot or a visit has begun (the JS side is hasStarted).
 */
export const clinicInstant = (date: unknown, time: unknown, timezone: unknown) => sql`(${date}::date + ${time}::time) at time zone ${timezone}`;

/** In SQL, a clinic's timezone read by its id (where the statement has no join to clinics). */
const timezoneOf = (clinicId: unknown) => sql`(select ${clinics.timezone} from ${clinics} where ${clinics.id} = ${clinicId})`;

/**
 * The first waiting entry of that clinic and day that the slot fits (vet, service) is offered it, unless the slot
 * has begun on the clinic's clock (nobody can book it any more).
 */
async function offerToWaitlist(tx: Db, slot: AvailabilitySlotRow): Promise<void> {
  await tx.execute(sql`update ${waitlistEntries} set status = 'OFFERED', offered_slot_id = ${slot.id}, offered_at = now(), updated_at = now()
    where id = (select id from ${waitlistEntries} w where w.clinic_id = ${slot.clinicId} and w.desired_date = ${slot.slotDate} and w.status = 'WAITING'
      and (${slot.serviceId}::int is null or w.service_id = ${slot.serviceId}) and (w.vet_id is null or w.vet_id = ${slot.vetId})
      order by w.created_at, w.id limit 1 for update skip locked)
    and ${clinicInstant(slot.slotDate, slot.startTime, timezoneOf(slot.clinicId))} > now()`);
}

/**
 * Entries just withdrawn: an offer one of them held passes to the next in line, while its slot still has a free
 * seat (an offer holds none, so the slot may have been booked meanwhile).
 */
export async function passOffersOn(tx: Db, withdrawn: WaitlistEntryRow[]): Promise<void> {
  const slotIds = [...new Set(withdrawn.flatMap((entry) => (entry.offeredSlotId ? [entry.offeredSlotId] : [])))].sort();
  if (slotIds.length === 0) return;
  const free = await tx
    .select()
    .from(availabilitySlots)
    .where(
      and(
        inArray(availabilitySlots.id, slotIds),
        eq(availabilitySlots.isBlocked, false),
        sql`${availabilitySlots.currentBookings} < ${availabilitySlots.maxBookings}`,
      ),
    );
  for (const slot of free) await offerToWaitlist(tx, slot);
}

/**
 * A gone pet (deleted, or dead) keeps no place: its waitlist entries still WAITING or OFFERED are withdrawn (an offer
 * passing on), and its open appointments that have not started (on the clinic's clock) are cancelled on the owner's
 * side by no one (the system), the reason in the appointment and its history, their seats given back and offered to
 * the next in line. Appointments already begun stay for the clinic to close. Runs in core.pet's projection (see
 * petsGone).
 */
export async function releaseGonePets(tx: Db, gone: PetGone[]): Promise<void> {
  if (gone.length === 0) return;
  const reasonOf = new Map(gone.map((g) => [g.petId, g.reason]));
  const petIds = [...reasonOf.keys()];
  const withdrawn = await tx
    .update(waitlistEntries)
    .set({ status: 'WITHDRAWN' })
    .where(and(inArray(waitlistEntries.petId, petIds), inArray(waitlistEntries.status, ['WAITING', 'OFFERED'])))
    .returning();
  await passOffersOn(tx, withdrawn);
  const open = await tx
    .select()
    .from(appointments)
    .where(
      and(
        inArray(appointments.petId, petIds),
        inArray(appointments.status, ['BOOKED', 'RESCHEDULED']),
        // The clinic's timezone in a subquery, not a join: drizzle writes FOR UPDATE OF with the schema, which
        // PostgreSQL refuses.
        sql`${clinicInstant(appointments.scheduledDate, appointments.scheduledStart, timezoneOf(appointments.clinicId))} > now()`,
      ),
    )
    .orderBy(asc(appointments.id))
    .for('update');
  for (const appointment of open) {
    const why = reasonOf.get(appointment.petId)!;
    await changeStatus(tx, appointment, 'CANCELLED_BY_OWNER', null, why, { cancellationReason: why, cancelledAt: new Date() });
    if (appointment.slotId) await releaseSeat(tx, appointment.slotId);
  }
}

// No 0/O or 1/I/L: codes are read over the phone.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CONFIRMATION_CODE_LENGTH = 8;

/** A random human-readable code (31^8 ≈ 8.5e11 of them); uniqueness is the database's, the insert retries. */
export function confirmationCode(): string {
  let code = '';
  for (let i = 0; i < CONFIRMATION_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export const MAX_GENERATION_DAYS = 92;

/** The calendar days from..to inclusive, as YYYY-MM-DD with their day of week; BAD_USER_INPUT beyond 92 days. */
export function daysBetween(from: string, to: string): { date: string; dayOfWeek: number }[] {
  if (to < from) throw badInput('to', `must not be before from (${from}), got ${to}`);
  const days: { date: string; dayOfWeek: number }[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    if (days.length === MAX_GENERATION_DAYS) throw badInput('to', `at most ${MAX_GENERATION_DAYS} days at once, from ${from}`);
    days.push({ date: d.toISOString().slice(0, 10), dayOfWeek: d.getUTCDay() });
  }
  return days;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const clock = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/** Consecutive slots of `length` minutes from start to end; a remainder shorter than a slot is not offered. */
export function slotTimes(start: string, end: string, length: number): [string, string][] {
  const times: [string, string][] = [];
  for (let t = minutes(start); t + length <= minutes(end); t += length) times.push([clock(t), clock(t + length)]);
  return times;
}

/** Today's date in a timezone, as YYYY-MM-DD. */
export function todayIn(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The wall-clock time in a timezone, as HH:MM:SS (slots' times are the clinic's wall clock). */
export function clockIn(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(now);
}

/** A slot has started once its day and start time, on the clinic's clock, are not in the future. */
export function hasStarted(slot: { slotDate: string; startTime: string }, timezone: string, now = new Date()): boolean {
  const today = todayIn(timezone, now);
  return slot.slotDate < today || (slot.slotDate === today && slot.startTime <= clockIn(timezone, now));
}
