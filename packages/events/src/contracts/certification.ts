import { z } from 'zod';
import { TRAINING_TOPICS } from '../topics';
import { defineContract, type EnvelopeOf, type EventOf } from './contract';

/** Calendar dates travel as YYYY-MM-DD. */
const day = z.iso.date();

/**
 * What a completed training program certifies: the licensure certification types training awards. Closed:
 * licensure keeps the value in an enum column, so a new kind is a new schemaVersion, not an additive change.
 */
export const TRAINING_CERTIFICATION_TYPES = ['GOOD_CITIZEN', 'TRAINING_SPECIALTY', 'THERAPY_DOG', 'SERVICE_DOG', 'COMPETITION_TITLE'] as const;

/**
 * A certificate a dog earned by completing a training program: what the school issued, and what licensure keeps
 * as the pet's certification. The trainer is named as on the day; nothing here names the owner.
 */
export const certificationIssuedPayload = z.object({
  petId: z.uuid(),
  enrollmentId: z.uuid(),
  programId: z.uuid(),
  trainerId: z.uuid(),
  type: z.enum(TRAINING_CERTIFICATION_TYPES),
  /** The program's name: what the certificate is for. */
  name: z.string().min(1),
  /** The trainer who ran the program. */
  issuedBy: z.string().min(1),
  /** The school's certificate number, unique across every certificate training issued. */
  certificationNumber: z.string().min(1).max(32),
  issuedDate: day,
});

/**
 * training.certification, schemaVersion 1: one event per certificate issued, keyed by the certification's id,
 * which training assigns and licensure keeps as its certification's id (so a redelivered event is recognised).
 * A certificate is issued once: the aggregate has one version; a revocation would be a new event type.
 */
export const certificationEvents = z.discriminatedUnion('type', [z.object({ type: z.literal('certification.issued'), payload: certificationIssuedPayload })]);

export const certificationContract = defineContract({
  topic: TRAINING_TOPICS.certification,
  aggregateType: 'certification',
  source: 'training',
  schemaVersion: 1,
  events: certificationEvents,
});

export type TrainingCertificationType = (typeof TRAINING_CERTIFICATION_TYPES)[number];
export type CertificationIssuedPayload = z.infer<typeof certificationIssuedPayload>;
export type CertificationEvent = EventOf<typeof certificationContract>;
export type CertificationEnvelope = EnvelopeOf<typeof certificationContract>;
