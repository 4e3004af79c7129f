import { z } from 'zod';
import { LICENSURE_TOPICS } from '../topics';
import { defineContract, type EnvelopeOf, type EventOf } from './contract';

/** licensure.registry, schemaVersion 1: a pet's registry number and the licence in force, keyed by pet id. */
export const registryPayload = z.object({
  petId: z.uuid(),
  registryNumber: z.string(),
  /** The licence in force: the latest issued ACTIVE one, or null. */
  licenseNumber: z.string().nullable(),
});

export const registryEvents = z.discriminatedUnion('type', [z.object({ type: z.literal('registry.updated'), payload: registryPayload })]);

export const registryContract = defineContract({
  topic: LICENSURE_TOPICS.registry,
  aggregateType: 'registry',
  source: 'licensure',
  schemaVersion: 1,
  events: registryEvents,
});

export type RegistryPayload = z.infer<typeof registryPayload>;
export type RegistryEvent = EventOf<typeof registryContract>;
export type RegistryEnvelope = EnvelopeOf<typeof registryContract>;
