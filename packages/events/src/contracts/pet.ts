import { z } from 'zod';
import { CORE_TOPICS } from '../topics';
import { defineContract, type EnvelopeOf, type EventOf } from './contract';

/** Instants travel as ISO-8601 text (`Date.toJSON`), calendar dates as YYYY-MM-DD. */
const instant = z.iso.datetime({ offset: true });

/**
 * core.pet, schemaVersion 1: the pet's full state after every change (state transfer: a copy is the latest
 * payload, never a sum of diffs). `status` is closed: licensure's rules branch on it, so a new status is a new
 * schemaVersion. `species` and `sex` are open: consumers keep what they do not know as text.
 */
export const petPayload = z.object({
  id: z.uuid(),
  name: z.string(),
  species: z.string(),
  breed: z.array(z.string()),
  mixBreed: z.boolean(),
  sex: z.string(),
  birthDate: z.iso.date(),
  approximateAge: z.boolean(),
  /** pounds */
  weight: z.number(),
  /** inches */
  height: z.number().nullable(),
  color: z.array(z.string()),
  markings: z.string().nullable(),
  /** Added in place (optional, so events written before it still read): the size class and the owner's care notes. */
  size: z.string().nullish(),
  notes: z.string().nullish(),
  photos: z.array(z.string()),
  microchipNumber: z.string().nullable(),
  tattooId: z.string().nullable(),
  registryNumber: z.string().nullable(),
  blockchainId: z.string().nullable(),
  ownerId: z.uuid(),
  householdId: z.uuid().nullable(),
  status: z.enum(['ACTIVE', 'LOST', 'FOUND', 'DECEASED', 'TRANSFERRED']),
  statusUpdatedAt: instant,
  emergencyContacts: z.array(z.object({ name: z.string(), phone: z.string(), relationship: z.string().nullish() })),
  licenseId: z.string().nullable(),
  insurancePolicyId: z.string().nullable(),
  dnaProfileId: z.string().nullable(),
  version: z.number().int().min(1),
  registryVersion: z.number().int().min(0),
  createdAt: instant,
  updatedAt: instant,
});

/** A deleted pet: only its id. The event's version is the pet's next one, so copies keep a versioned tombstone. */
export const petDeletedPayload = z.object({ id: z.uuid(), deleted: z.literal(true) });

export const petEvents = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['pet.registered', 'pet.updated', 'pet.status_changed', 'pet.transferred']), payload: petPayload }),
  z.object({ type: z.literal('pet.deleted'), payload: petDeletedPayload }),
]);

export const petContract = defineContract({ topic: CORE_TOPICS.pet, aggregateType: 'pet', source: 'core', schemaVersion: 1, events: petEvents });

export type PetPayload = z.infer<typeof petPayload>;
export type PetDeletedPayload = z.infer<typeof petDeletedPayload>;
export type PetEvent = EventOf<typeof petContract>;
export type PetEventType = PetEvent['type'];
export type PetEnvelope = EnvelopeOf<typeof petContract>;
