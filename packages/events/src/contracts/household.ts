import { z } from 'zod';
import { CORE_TOPICS } from '../topics';
import { defineContract, type EnvelopeOf, type EventOf } from './contract';

const instant = z.iso.datetime({ offset: true });

/**
 * core.household, schemaVersion 1: the household and its members after every change. A household ends only when its
 * primary owner is erased (`household.dissolved`). A member's `role` is open (text).
 */
export const householdPayload = z.object({
  id: z.uuid(),
  name: z.string(),
  primaryOwnerId: z.uuid(),
  version: z.number().int().min(1),
  createdAt: instant,
  updatedAt: instant,
  members: z.array(z.object({ ownerId: z.uuid(), role: z.string() })),
});

export const householdEvents = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['household.created', 'household.updated']), payload: householdPayload }),
  // Its primary owner was erased: copies become tombstones, and a Kafka tombstone follows.
  z.object({ type: z.literal('household.dissolved'), payload: z.object({ id: z.uuid(), dissolved: z.literal(true) }) }),
]);

export const householdContract = defineContract({
  topic: CORE_TOPICS.household,
  aggregateType: 'household',
  source: 'core',
  schemaVersion: 1,
  events: householdEvents,
});

export type HouseholdPayload = z.infer<typeof householdPayload>;
export type HouseholdEvent = EventOf<typeof householdContract>;
export type HouseholdEventType = HouseholdEvent['type'];
export type HouseholdEnvelope = EnvelopeOf<typeof householdContract>;
