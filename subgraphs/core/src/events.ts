import {
  DIVISIONS,
  householdContract,
  ownerContract,
  ownerPersonalContracts,
  type OwnerPersonalData,
  type OwnerPersonalEvent,
  petContract,
  type Emit,
  type HouseholdEventType,
  type HouseholdPayload,
  type OwnerEventType as OwnerContractEventType,
  type OwnerPayload,
  type PetEventType as PetContractEventType,
  type PetPayload,
} from '@psa/events';
import type { OwnerRow } from './modules/owners/tables';
import type { PetRow } from './modules/pets/tables';
import type { HouseholdMemberRow, HouseholdRow } from './modules/households/tables';

/**
 * Every event core publishes is built here, through its topic's contract (packages/events/src/contracts): the
 * payload is typed by the contract, so a renamed or missing field is a compile error, and it is checked before
 * it is written to the outbox, so an event that breaks the contract rolls the change back instead of reaching
 * the divisions. Payloads are the full state divisions may see (state transfer): a division's copy is the
 * latest payload, never a sum of diffs.
 */

export type { HouseholdEventType };
/** An owner's changes; their erasure is ownerErased. */
export type OwnerEventType = Exclude<OwnerContractEventType, 'owner.erased'>;
/** A pet's changes; its delete is petDeleted. */
export type PetEventType = Exclude<PetContractEventType, 'pet.deleted'>;

const iso = (value: Date) => value.toISOString();
const isoOrNull = (value: Date | null) => (value === null ? null : iso(value));

/** Instants become ISO strings, as they travel on the wire. Personal fields never go on core.owner (see below). */
export function ownerPayload(owner: OwnerRow): OwnerPayload {
  const {
    email: _e,
    phone: _p,
    firstName: _f,
    lastName: _l,
    middleName: _m,
    street1: _s1,
    street2: _s2,
    city: _c,
    state: _s,
    postalCode: _pc,
    country: _co,
    ...rest
  } = owner;
  return {
    ...rest,
    emailVerifiedAt: isoOrNull(owner.emailVerifiedAt),
    membershipStartDate: iso(owner.membershipStartDate),
    membershipExpiresAt: isoOrNull(owner.membershipExpiresAt),
    createdAt: iso(owner.createdAt),
    updatedAt: iso(owner.updatedAt),
  };
}

export function petPayload(pet: PetRow): PetPayload {
  return { ...pet, statusUpdatedAt: iso(pet.statusUpdatedAt), createdAt: iso(pet.createdAt), updatedAt: iso(pet.updatedAt) };
}

export function householdPayload(household: HouseholdRow, members: HouseholdMemberRow[]): HouseholdPayload {
  return {
    ...household,
    createdAt: iso(household.createdAt),
    updatedAt: iso(household.updatedAt),
    members: members.map((m) => ({ ownerId: m.ownerId, role: m.role })),
  };
}

/** What a division the owner consents to may hold; the contract strips nothing here, it is exactly these fields. */
function ownerPersonalData(owner: OwnerRow): OwnerPersonalData {
  const { id, email, phone, firstName, lastName, middleName, street1, street2, city, state, postalCode, country } = owner;
  return { id, email, phone, firstName, lastName, middleName, street1, street2, city, state, postalCode, country };
}

/**
 * An owner's change: their state without personal data on core.owner, for everyone, and on each division's own
 * topic either their personal data (while dataSharing[division] is true) or the notice that it is withheld.
 */
export function ownerChanged(emit: Emit, type: OwnerEventType, owner: OwnerRow): void {
  const { id: aggregateId, version } = owner;
  emit({ topic: ownerContract.topic, key: aggregateId, envelope: ownerContract.envelope({ type, aggregateId, version, payload: ownerPayload(owner) }) });
  for (const division of DIVISIONS) {
    const contract = ownerPersonalContracts[division];
    const event: OwnerPersonalEvent =
      owner.dataSharing[division] === true
        ? { type: 'owner.personal_data_shared', payload: ownerPersonalData(owner) }
        : { type: 'owner.personal_data_withheld', payload: { id: aggregateId } };
    emit({ topic: contract.topic, key: aggregateId, envelope: contract.envelope({ ...event, aggregateId, version }) });
  }
}

/**
 * An owner purged after their grace period: `owner.erased` on core.owner and `owner.personal_data_erased` on
 * every division's topic, each followed by a Kafka tombstone, so compaction leaves no record of theirs.
 */
export function ownerErased(emit: Emit, owner: OwnerRow): void {
  const { id: aggregateId } = owner;
  const version = owner.version + 1;
  emit({
    topic: ownerContract.topic,
    key: aggregateId,
    envelope: ownerContract.envelope({ type: 'owner.erased', aggregateId, version, payload: { id: aggregateId, erased: true } }),
  });
  emit({ topic: ownerContract.topic, key: aggregateId, envelope: null });
  for (const division of DIVISIONS) {
    const contract = ownerPersonalContracts[division];
    emit({
      topic: contract.topic,
      key: aggregateId,
      envelope: contract.envelope({ type: 'owner.personal_data_erased', aggregateId, version, payload: { id: aggregateId } }),
    });
    emit({ topic: contract.topic, key: aggregateId, envelope: null });
  }
}

export function petChanged(emit: Emit, type: PetEventType, pet: PetRow): void {
  emit({
    topic: petContract.topic,
    key: pet.id,
    envelope: petContract.envelope({ type, aggregateId: pet.id, version: pet.version, payload: petPayload(pet) }),
  });
}

/** The delete event carries the next version (so copies keep a tombstone); the Kafka tombstone lets compaction drop the key. */
export function petDeleted(emit: Emit, pet: PetRow): void {
  emit({
    topic: petContract.topic,
    key: pet.id,
    envelope: petContract.envelope({ type: 'pet.deleted', aggregateId: pet.id, version: pet.version + 1, payload: { id: pet.id, deleted: true } }),
  });
  emit({ topic: petContract.topic, key: pet.id, envelope: null });
}

export function householdChanged(
  emit: Emit,
  type: Exclude<HouseholdEventType, 'household.dissolved'>,
  household: HouseholdRow,
  members: HouseholdMemberRow[],
): void {
  emit({
    topic: householdContract.topic,
    key: household.id,
    envelope: householdContract.envelope({ type, aggregateId: household.id, version: household.version, payload: householdPayload(household, members) }),
  });
}

/** A household whose primary owner is erased: `household.dissolved`, then a Kafka tombstone. */
export function householdDissolved(emit: Emit, household: HouseholdRow): void {
  const { id: aggregateId } = household;
  emit({
    topic: householdContract.topic,
    key: aggregateId,
    envelope: householdContract.envelope({
      type: 'household.dissolved',
      aggregateId,
      version: household.version + 1,
      payload: { id: aggregateId, dissolved: true },
    }),
  });
  emit({ topic: householdContract.topic, key: aggregateId, envelope: null });
}
