import { z } from 'zod';
import { DIVISIONS, ownerPersonalTopic, type Division } from '../topics';
import { defineContract, type EnvelopeOf, type EventContract, type EventOf } from './contract';

/** The fields of an owner that identify or reach them: only a division the owner consents to receives them. */
export const ownerPersonalData = z.object({
  id: z.uuid(),
  email: z.string(),
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
});

/**
 * core.owner-personal.<division>, schemaVersion 1: what ONE division may hold of an owner's personal data. Every
 * owner change publishes one event to every division's topic, with the owner's version: `owner.personal_data_shared`
 * with the fields while `Owner.dataSharing[division]` is true, `owner.personal_data_withheld` with the id alone
 * otherwise (the division empties its copy). A division reads only its own topic, so what it may not hold never
 * reaches it, and compaction leaves each topic the owner's latest answer for that division.
 */
export const ownerPersonalEvents = z.discriminatedUnion('type', [
  z.object({ type: z.literal('owner.personal_data_shared'), payload: ownerPersonalData }),
  z.object({ type: z.literal('owner.personal_data_withheld'), payload: z.object({ id: z.uuid() }) }),
  // The owner is erased: the copy becomes a tombstone, and a Kafka tombstone follows.
  z.object({ type: z.literal('owner.personal_data_erased'), payload: z.object({ id: z.uuid() }) }),
]);

const contractFor = (division: Division) =>
  defineContract({ topic: ownerPersonalTopic(division), aggregateType: 'owner', source: 'core', schemaVersion: 1, events: ownerPersonalEvents });

export type OwnerPersonalContract = ReturnType<typeof contractFor>;

/** One contract per division's topic; they differ only in the topic. */
export const ownerPersonalContracts = Object.fromEntries(DIVISIONS.map((division) => [division, contractFor(division)])) as Record<
  Division,
  EventContract<OwnerPersonalEvent>
>;

export type OwnerPersonalData = z.infer<typeof ownerPersonalData>;
export type OwnerPersonalEvent = EventOf<OwnerPersonalContract>;
export type OwnerPersonalEnvelope = EnvelopeOf<OwnerPersonalContract>;
