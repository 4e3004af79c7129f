import { z } from 'zod';
import { HEALTHCARE_TOPICS } from '../topics';
import { defineContract, type EnvelopeOf, type EventOf } from './contract';

/** Calendar dates travel as YYYY-MM-DD. */
const day = z.iso.date();

/**
 * The kinds of vaccine licensure records. Closed: licensure keeps the value in an enum column, so a new kind is a
 * new schemaVersion, not an additive change.
 */
export const VACCINE_TYPES = ['CORE', 'NON_CORE', 'LIFESTYLE'] as const;

/**
 * A vaccine a vet gave at a completed appointment: what healthcare recorded, and what licensure keeps as the pet's
 * vaccination. The clinic and the vet are named as they were on the day; nothing here names the owner.
 */
export const vaccinationGivenPayload = z
  .object({
    petId: z.uuid(),
    appointmentId: z.uuid(),
    clinicId: z.uuid(),
    clinicName: z.string().min(1),
    vaccineName: z.string().min(1),
    vaccineType: z.enum(VACCINE_TYPES),
    administeredDate: day,
    /** When the next dose is due, if the vaccine has one. */
    nextDueDate: day.nullish(),
    /** The vet who gave it. */
    administeredBy: z.string().min(1),
    manufacturer: z.string().min(1),
    lotNumber: z.string().min(1),
    /** The dose's own expiry, from its vial. */
    expirationDate: day.nullish(),
  })
  // ISO dates compare as text.
  .refine((p) => p.nextDueDate == null || p.nextDueDate > p.administeredDate, {
    path: ['nextDueDate'],
    message: 'must be after administeredDate',
  });

/**
 * healthcare.vaccination, schemaVersion 1: one event per vaccine given, keyed by the vaccination's id, which
 * healthcare assigns and every division keeps as that vaccination's id (so a redelivered event is recognised).
 * A vaccine is given once: the aggregate has one version, and a correction would be a new event type.
 */
export const vaccinationEvents = z.discriminatedUnion('type', [z.object({ type: z.literal('vaccination.given'), payload: vaccinationGivenPayload })]);

export const vaccinationContract = defineContract({
  topic: HEALTHCARE_TOPICS.vaccination,
  aggregateType: 'vaccination',
  source: 'healthcare',
  schemaVersion: 1,
  events: vaccinationEvents,
});

export type VaccineType = (typeof VACCINE_TYPES)[number];
export type VaccinationGivenPayload = z.infer<typeof vaccinationGivenPayload>;
export type VaccinationEvent = EventOf<typeof vaccinationContract>;
export type VaccinationEnvelope = EnvelopeOf<typeof vaccinationContract>;
