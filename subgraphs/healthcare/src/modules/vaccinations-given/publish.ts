import { randomUUID } from 'node:crypto';
import type { Db } from '@psa/db';
import { vaccinationContract, type VaccinationGivenPayload, type VaccineType } from '@psa/events';
import { healthcareOutbox } from '../../outbox';
import { appointmentVaccinations, type AppointmentVaccinationRow } from './tables';

/** The completed appointment the vaccines were given at, as its completion knows it. */
export interface VaccinatingAppointment {
  id: string;
  petId: string;
  clinicId: string;
  clinicName: string;
  /** The vet who saw the pet: recorded as having given each vaccine unless the vaccine names someone else. */
  veterinarianName: string;
  /** The day of the appointment (YYYY-MM-DD): each vaccine's administered date. */
  date: string;
}

/** One vaccine given, as entered when the appointment is completed. */
export interface VaccineGiven {
  vaccineName: string;
  vaccineType: VaccineType;
  manufacturer: string;
  lotNumber: string;
  nextDueDate?: string | null;
  expirationDate?: string | null;
  /** Who gave it, when not the appointment's vet. */
  administeredBy?: string;
}

const payloadOf = (row: typeof appointmentVaccinations.$inferInsert & { id: string }): VaccinationGivenPayload => ({
  petId: row.petId,
  appointmentId: row.appointmentId,
  clinicId: row.clinicId,
  clinicName: row.clinicName,
  vaccineName: row.vaccineName,
  vaccineType: row.vaccineType,
  administeredDate: row.administeredDate,
  nextDueDate: row.nextDueDate ?? null,
  administeredBy: row.administeredBy,
  manufacturer: row.manufacturer,
  lotNumber: row.lotNumber,
  expirationDate: row.expirationDate ?? null,
});

/**
 * Records the vaccines given at a completed appointment and publishes each as `vaccination.given` on
 * healthcare.vaccination, in `tx`: the caller's own transaction (the appointment's completion), so the appointment,
 * its record and the events commit or roll back together. Licensure records each as the pet's vaccination from the
 * event; healthcare never calls it.
 *
 * Every event is checked against the topic's contract before anything is written: a vaccine the contract refuses
 * (a missing lot number, a next due date not after the appointment) throws, and the caller's transaction fails.
 * A vaccine already recorded for this appointment (the same completion run again) is neither recorded nor
 * published twice. Returns the vaccines recorded now; their ids are the events' aggregate ids.
 */
export async function publishVaccinationsGiven(tx: Db, appointment: VaccinatingAppointment, vaccines: VaccineGiven[]): Promise<AppointmentVaccinationRow[]> {
  if (vaccines.length === 0) return [];
  const rows = vaccines.map((vaccine) => ({
    id: randomUUID(),
    appointmentId: appointment.id,
    petId: appointment.petId,
    clinicId: appointment.clinicId,
    clinicName: appointment.clinicName,
    vaccineName: vaccine.vaccineName,
    vaccineType: vaccine.vaccineType,
    administeredDate: appointment.date,
    nextDueDate: vaccine.nextDueDate ?? null,
    administeredBy: vaccine.administeredBy ?? appointment.veterinarianName,
    manufacturer: vaccine.manufacturer,
    lotNumber: vaccine.lotNumber,
    expirationDate: vaccine.expirationDate ?? null,
  }));
  const envelopes = new Map<string, ReturnType<typeof vaccinationContract.envelope>>(
    rows.map((row) => [row.id, vaccinationContract.envelope({ type: 'vaccination.given', aggregateId: row.id, version: 1, payload: payloadOf(row) })]),
  );
  const recorded = await tx
    .insert(appointmentVaccinations)
    .values(rows)
    .onConflictDoNothing({ target: [appointmentVaccinations.appointmentId, appointmentVaccinations.vaccineName] })
    .returning();
  await healthcareOutbox.emitIn(
    tx,
    recorded.map((row) => ({ topic: vaccinationContract.topic, key: row.id, envelope: envelopes.get(row.id)! })),
  );
  return recorded;
}
