import { z } from 'zod';
import { CORE_TOPICS } from '../topics';
import { defineContract, type EnvelopeOf, type EventOf } from './contract';

const instant = z.iso.datetime({ offset: true });

/**
 * core.owner, schemaVersion 1: the owner's full state after every change. Owners are not deleted, so there is no
 * delete event. `membershipLevel` is open (text): a new tier is not a breaking change for consumers.
 */
export const ownerPayload = z.object({
  id: z.uuid(),
  clerkId: z.string(),
  email: z.string(),
  emailVerifiedAt: instant.nullable(),
  phone: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  middleName: z.string().nullable(),
  street1: z.string().nullable(),
  street2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string(),
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

export const ownerEvents = z.discriminatedUnion('type', [z.object({ type: z.enum(['owner.created', 'owner.updated']), payload: ownerPayload })]);

export const ownerContract = defineContract({ topic: CORE_TOPICS.owner, aggregateType: 'owner', source: 'core', schemaVersion: 1, events: ownerEvents });

export type OwnerPayload = z.infer<typeof ownerPayload>;
export type OwnerEvent = EventOf<typeof ownerContract>;
export type OwnerEventType = OwnerEvent['type'];
export type OwnerEnvelope = EnvelopeOf<typeof ownerContract>;
