import { z } from 'zod';
import { CORE_TOPICS } from '../topics';
import { defineContract, olderVersion, type EnvelopeOf, type EventOf } from './contract';
import { ownerPersonalData } from './owner-personal';

const instant = z.iso.datetime({ offset: true });

/**
 * core.owner, schemaVersion 2: the owner's state after every change, WITHOUT their personal data (names, email,
 * phone, address). Every division reads this topic; what identifies or reaches the owner goes only to the
 * divisions they consent to, on each division's own topic (owner-personal.ts). An owner is deleted only by
 * erasure: `owner.erased`, then a Kafka tombstone. `membershipLevel` is open (text): a new tier is not a breaking change for consumers.
 */
export const ownerPayload = z.object({
  id: z.uuid(),
  clerkId: z.string(),
  emailVerifiedAt: instant.nullable(),
  membershipLevel: z.string(),
  membershipStartDate: instant,
  membershipExpiresAt: instant.nullable(),
  emailNotifications: z.boolean(),
  smsNotifications: z.boolean(),
  pushNotifications: z.boolean(),
  newsletterOptIn: z.boolean(),
  /** Which divisions the owner lets hold their personal data, by division name. */
  dataSharing: z.record(z.string(), z.boolean()),
  version: z.number().int().min(1),
  createdAt: instant,
  updatedAt: instant,
});

const ownerEventTypes = z.enum(['owner.created', 'owner.updated']);

/** The owner's data is purged (erasure, after its grace period): copies become tombstones, and a Kafka tombstone follows. */
const ownerErased = z.object({ type: z.literal('owner.erased'), payload: z.object({ id: z.uuid(), erased: z.literal(true) }) });

export const ownerEvents = z.discriminatedUnion('type', [z.object({ type: ownerEventTypes, payload: ownerPayload }), ownerErased]);

/**
 * schemaVersion 1 carried the personal fields to everyone. Read during the window of the change: the fields are
 * dropped on the way in, so no division keeps them (see contracts/README.md for the window).
 */
const ownerEventsV1 = z.object({ type: ownerEventTypes, payload: ownerPayload.extend(ownerPersonalData.omit({ id: true }).shape) });

export const ownerContract = defineContract({
  topic: CORE_TOPICS.owner,
  aggregateType: 'owner',
  source: 'core',
  schemaVersion: 2,
  events: ownerEvents,
  older: { 1: olderVersion(ownerEventsV1, ({ type, payload }) => ({ type, payload: ownerPayload.parse(payload) })) },
});

export type OwnerPayload = z.infer<typeof ownerPayload>;
export type OwnerEvent = EventOf<typeof ownerContract>;
export type OwnerEventType = OwnerEvent['type'];
export type OwnerEnvelope = EnvelopeOf<typeof ownerContract>;
