import { date, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { VACCINE_TYPES } from '@psa/events';
import { healthcareSchema } from '../../db-schema';
import { appointments } from '../booking/tables';
import { clinics } from '../clinics/tables';

/** Healthcare's own copy of the vaccine kinds (the healthcare.vaccination contract's): no table uses another schema's types. */
export const vaccineType = healthcareSchema.enum('vaccine_type', VACCINE_TYPES);

/**
 * The vaccines given at an appointment: healthcare's own clinical record, written with the event that tells
 * licensure (healthcare.vaccination, same transaction). The row's id is the event's aggregate id, and licensure
 * keeps it as its vaccination's id. The clinic and the vet are named as they were on the day.
 */
export const appointmentVaccinations = healthcareSchema.table(
  'appointment_vaccinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    petId: uuid('pet_id').notNull(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    clinicName: text('clinic_name').notNull(),
    vaccineName: text('vaccine_name').notNull(),
    vaccineType: vaccineType('vaccine_type').notNull(),
    administeredDate: date('administered_date', { mode: 'string' }).notNull(),
    nextDueDate: date('next_due_date', { mode: 'string' }),
    administeredBy: text('administered_by').notNull(),
    manufacturer: text('manufacturer').notNull(),
    lotNumber: text('lot_number').notNull(),
    expirationDate: date('expiration_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A vaccine is given once per appointment: recording an appointment's vaccines again adds nothing.
    uniqueIndex('appointment_vaccinations_appointment_id_vaccine_name_idx').on(t.appointmentId, t.vaccineName),
    index('appointment_vaccinations_pet_id_idx').on(t.petId),
  ],
);

export type AppointmentVaccinationRow = typeof appointmentVaccinations.$inferSelect;
/** The row behind GraphQL's VaccineGiven. */
export type VaccineGivenRow = AppointmentVaccinationRow;
