import { CORE_TOPICS, createEnvelope, type Emit } from '@psa/events';
import type { OwnerRow } from './modules/owners/tables';
import type { PetRow } from './modules/pets/tables';
import type { HouseholdMemberRow, HouseholdRow } from './modules/households/tables';

/**
 * Every event core publishes is built here. Payloads are the full state divisions may see (state transfer):
 * a division's copy is the latest payload, never a sum of diffs.
 */

export type OwnerEventType = 'owner.created' | 'owner.updated';
export type PetEventType = 'pet.registered' | 'pet.updated' | 'pet.status_changed' | 'pet.transferred';
export type HouseholdEventType = 'household.created' | 'household.updated';

/** Dates become ISO strings, as they will on the wire. */
const plain = (value: object) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

function envelope(aggregateType: string, type: string, id: string, version: number, payload: Record<string, unknown>) {
  return createEnvelope({ type, aggregateType, aggregateId: id, version, source: 'core', payload });
}

export function ownerChanged(emit: Emit, type: OwnerEventType, owner: OwnerRow): void {
  emit({ topic: CORE_TOPICS.owner, key: owner.id, envelope: envelope('owner', type, owner.id, owner.version, plain(owner)) });
}

export function petChanged(emit: Emit, type: PetEventType, pet: PetRow): void {
  emit({ topic: CORE_TOPICS.pet, key: pet.id, envelope: envelope('pet', type, pet.id, pet.version, plain(pet)) });
}

/** The delete event carries the next version (so copies keep a tombstone); the Kafka tombstone lets compaction drop the key. */
export function petDeleted(emit: Emit, pet: PetRow): void {
  emit({ topic: CORE_TOPICS.pet, key: pet.id, envelope: envelope('pet', 'pet.deleted', pet.id, pet.version + 1, { id: pet.id, deleted: true }) });
  emit({ topic: CORE_TOPICS.pet, key: pet.id, envelope: null });
}

export function householdChanged(emit: Emit, type: HouseholdEventType, household: HouseholdRow, members: HouseholdMemberRow[]): void {
  const payload = { ...plain(household), members: members.map((m) => ({ ownerId: m.ownerId, role: m.role })) };
  emit({ topic: CORE_TOPICS.household, key: household.id, envelope: envelope('household', type, household.id, household.version, payload) });
}
