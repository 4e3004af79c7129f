import type { Db } from '@psa/db';
import {
  CORE_TOPICS,
  copyVersions,
  newestPerAggregate,
  ownerSignInProjection,
  unseenEvents,
  versionedUpsert,
  type PetEnvelope,
  type Projection,
} from '@psa/events';
import { followCoreStatus, type PetState } from '../lost-pets/automation';
import { ownerCopies, petCopies } from './tables';

/** Events arrive read through core.pet's contract: a delete carries only the id, every other event the whole pet. */
function petRow(event: PetEnvelope) {
  if (event.type === 'pet.deleted') return { id: event.aggregateId, version: event.version, deleted: true };
  const p = event.payload;
  return {
    id: event.aggregateId,
    version: event.version,
    deleted: false,
    ownerId: p.ownerId,
    householdId: p.householdId,
    name: p.name,
    species: p.species,
    breed: p.breed,
    color: p.color,
    markings: p.markings,
    birthDate: p.birthDate,
    microchipNumber: p.microchipNumber,
    status: p.status,
  };
}

function petState(event: PetEnvelope): PetState {
  if (event.type === 'pet.deleted') return { petId: event.aggregateId, version: event.version, at: new Date(event.occurredAt), pet: null };
  const p = event.payload;
  return { petId: event.aggregateId, version: event.version, at: new Date(p.statusUpdatedAt), pet: p };
}

/**
 * Pets: keep the copy, and keep lost reports in line with core's status (the rule is in followCoreStatus): every
 * event newer than the copy is walked through, so no status in a batch is skipped.
 */
export const petProjection: Projection<typeof CORE_TOPICS.pet> = {
  topic: CORE_TOPICS.pet,
  async apply(tx: Db, events: PetEnvelope[]) {
    const applied = await copyVersions(
      tx,
      petCopies,
      events.map((e) => e.aggregateId),
    );
    await versionedUpsert(tx, petCopies, newestPerAggregate(events).map(petRow));
    await followCoreStatus(tx, unseenEvents(events, applied).map(petState));
  },
};

/** Who each owner signs in as: the shared projection (core.owner; an erasure leaves a tombstone). */
export const ownerProjection = ownerSignInProjection(ownerCopies);
