import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, smallint, text, time, timestamp, unique, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { healthcareSchema } from '../../db-schema';
import { clinics, services, vets } from '../clinics/tables';

export const slotType = healthcareSchema.enum('slot_type', ['IN_PERSON', 'HOME_VISIT']);

/**
 * A clinic's weekly rule ("Mondays 09:00-12:00, 30-minute slots, Dr Lee"): generateSlots turns rules into
 * availability_slots for a range of dates, in the clinic's own timezone.
 */
export const slotRules = healthcareSchema.table(
  'slot_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    vetId: uuid('vet_id').references(() => vets.id),
    serviceId: integer('service_id').references(() => services.id),
    dayOfWeek: smallint('day_of_week').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    slotType: slotType('slot_type').notNull().default('IN_PERSON'),
    maxBookings: integer('max_bookings').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    index('slot_rules_clinic_idx').on(t.clinicId),
    check('slot_rules_day_range', sql`${t.dayOfWeek} between 0 and 6`),
    check('slot_rules_times', sql`${t.startTime} < ${t.endTime}`),
    check('slot_rules_minutes', sql`${t.slotMinutes} between 5 and 480`),
    check('slot_rules_max_bookings', sql`${t.maxBookings} >= 1`),
  ],
);

/**
 * A bookable slot. `current_bookings` is the seed's denormalized counter: every booking, cancellation and
 * reschedule moves it in the same transaction as the appointment, and the database refuses it past `max_bookings`.
 */
export const availabilitySlots = healthcareSchema.table(
  'availability_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    vetId: uuid('vet_id').references(() => vets.id),
    serviceId: integer('service_id').references(() => services.id),
    slotDate: date('slot_date', { mode: 'string' }).notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    slotType: slotType('slot_type').notNull().default('IN_PERSON'),
    maxBookings: integer('max_bookings').notNull().default(1),
    currentBookings: integer('current_bookings').notNull().default(0),
    isBlocked: boolean('is_blocked').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_slots_clinic_date').on(t.clinicId, t.slotDate),
    index('idx_slots_available')
      .on(t.clinicId, t.slotDate, t.isBlocked)
      .where(sql`${t.currentBookings} < ${t.maxBookings}`),
    index('idx_slots_vet').on(t.vetId),
    // Generating slots twice for the same dates adds none.
    unique('availability_slots_unique_start').on(t.clinicId, t.vetId, t.serviceId, t.slotDate, t.startTime, t.slotType).nullsNotDistinct(),
    check('availability_slots_bookings', sql`${t.currentBookings} between 0 and ${t.maxBookings}`),
    check('availability_slots_times', sql`${t.startTime} < ${t.endTime}`),
  ],
);

export const APPOINTMENT_STATUSES = ['BOOKED', 'RESCHEDULED', 'CANCELLED_BY_OWNER', 'CANCELLED_BY_CLINIC', 'NO_SHOW', 'COMPLETED'] as const;
export const appointmentStatus = healthcareSchema.enum('appointment_status', APPOINTMENT_STATUSES);
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * A booking for one of core's pets. Owners, pets and species are core's (ids only here); people who act on an
 * appointment (cancelled_by, and changed_by in its history) are token subjects.
 */
export const appointments = healthcareSchema.table(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    confirmationCode: varchar('confirmation_code', { length: 12 }).notNull().unique(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    slotId: uuid('slot_id').references(() => availabilitySlots.id),
    ownerId: uuid('owner_id').notNull(),
    petId: uuid('pet_id').notNull(),
    vetId: uuid('vet_id').references(() => vets.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    appointmentType: slotType('appointment_type').notNull(),
    scheduledDate: date('scheduled_date', { mode: 'string' }).notNull(),
    scheduledStart: time('scheduled_start').notNull(),
    scheduledEnd: time('scheduled_end').notNull(),
    homeAddressLine1: varchar('home_address_line1', { length: 255 }),
    homeAddressLine2: varchar('home_address_line2', { length: 255 }),
    homeCity: varchar('home_city', { length: 100 }),
    homeState: varchar('home_state', { length: 50 }),
    homePostalCode: varchar('home_postal_code', { length: 20 }),
    homeAccessNotes: text('home_access_notes'),
    ownerNotes: text('owner_notes'),
    clinicNotes: text('clinic_notes'),
    status: appointmentStatus('status').notNull().default('BOOKED'),
    isEmergency: boolean('is_emergency').notNull().default(false),
    cancelledBy: text('cancelled_by'),
    cancellationReason: text('cancellation_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** When reception checked the patient in (the seed's status set has no such status, so it is an instant). */
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('idx_appts_owner').on(t.ownerId),
    index('appointments_pet_idx').on(t.petId),
    index('idx_appts_clinic_date').on(t.clinicId, t.scheduledDate),
    index('idx_appts_vet_date').on(t.vetId, t.scheduledDate),
    index('idx_appts_status').on(t.status),
    index('idx_appts_confirmation').on(t.confirmationCode),
    index('appointments_slot_idx').on(t.slotId),
    // The reminder worker's scan: open visits not yet reminded, by date.
    index('appointments_reminder_due_idx')
      .on(t.scheduledDate)
      .where(sql`${t.reminderSentAt} is null and ${t.status} in ('BOOKED', 'RESCHEDULED')`),
    // A pet holds a slot once.
    uniqueIndex('appointments_one_per_pet_and_slot')
      .on(t.slotId, t.petId)
      .where(sql`${t.status} in ('BOOKED', 'RESCHEDULED')`),
    check('appointments_times', sql`${t.scheduledStart} < ${t.scheduledEnd}`),
  ],
);

/** Every status an appointment took, with who (a token subject; null = the system) and why. */
export const appointmentStatusHistory = healthcareSchema.table(
  'appointment_status_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    previousStatus: appointmentStatus('previous_status'),
    newStatus: appointmentStatus('new_status').notNull(),
    changedBy: text('changed_by'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('idx_appt_history_appt').on(t.appointmentId), index('appointment_status_history_changed_by_idx').on(t.changedBy)],
);

export const waitlistStatus = healthcareSchema.enum('waitlist_status', ['WAITING', 'OFFERED', 'BOOKED', 'WITHDRAWN']);

/**
 * The post-MVP waitlist: an owner waits for a day at a clinic (optionally a vet); when a slot of that day frees up,
 * the first in line that fits it is offered it, and books it like any free slot.
 */
export const waitlistEntries = healthcareSchema.table(
  'waitlist_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    vetId: uuid('vet_id').references(() => vets.id),
    desiredDate: date('desired_date', { mode: 'string' }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    petId: uuid('pet_id').notNull(),
    status: waitlistStatus('status').notNull().default('WAITING'),
    offeredSlotId: uuid('offered_slot_id').references(() => availabilitySlots.id),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('waitlist_entries_line_idx').on(t.clinicId, t.desiredDate, t.createdAt),
    index('waitlist_entries_owner_idx').on(t.ownerId),
    uniqueIndex('waitlist_entries_one_per_pet_and_day')
      .on(t.clinicId, t.serviceId, t.desiredDate, t.petId)
      .where(sql`${t.status} in ('WAITING', 'OFFERED')`),
  ],
);

export type SlotRuleRow = typeof slotRules.$inferSelect;
export type AvailabilitySlotRow = typeof availabilitySlots.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;
export type AppointmentStatusChangeRow = typeof appointmentStatusHistory.$inferSelect;
export type WaitlistEntryRow = typeof waitlistEntries.$inferSelect;
