import type { Db } from '@psa/db';
import { CORE_TOPICS, copyVersions, newestPerAggregate, unseenEvents, versionedUpsert, type EventEnvelope, type Projection } from '@psa/events';
import { followCoreStatus, type PetState } from '../lost-pets/automation';
import { ownerCopies, petCopies, type PetCopyRow } from './tables';

type PetPayload = {
  ownerId: string;
  householdId: string | null;
  name: string;
  species: string;
  breed: string[];
  color: string[];
  markings: string | null;
  birthDate: string;
  microchipNumber: string | null;
  status: NonNullable<PetCopyRow['status']>;
  statusUpdatedAt: string;
};

const isDelete = (event: EventEnvelope) => event.type.endsWith('.deleted');

function petRow(event: EventEnvelope) {
  if (isDelete(event)) return { id: event.aggregateId, version: event.version, deleted: true };
  const p = event.payload as PetPayload;
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

function petState(event: EventEnvelope): PetState {
  if (isDelete(event)) return { petId: event.aggregateId, version: event.version, at: new Date(event.occurredAt), pet: null };
  const p = event.payload as PetPayload;
  return { petId: event.aggregateId, version: event.version, at: new Date(p.statusUpdatedAt), pet: p };
}

/**
 * Pets: keep the copy, and keep lost reports in line with core's status (the rule is in followCoreStatus): every
 * event newer than the copy is walked through, so no status in a batch is skipped.
 */
export const petProjection: Projection = {
  topic: CORE_TOPICS.pet,
  async apply(tx: Db, events: EventEnvelope[]) {
    const applied = await copyVersions(tx, petCopies, events.map((e) => e.aggregateId));
    await versionedUpsert(tx, petCopies, newestPerAggregate(events).map(petRow));
    await followCoreStatus(tx, unseenEvents(events, applied).map(petState));
  },
};

export const ownerProjection: Projection = {
  topic: CORE_TOPICS.owner,
  async apply(tx: Db, events: EventEnvelope[]) {
    await versionedUpsert(
      tx,
      ownerCopies,
      newestPerAggregate(events).map((e) => {
        const p = e.payload as { clerkId: string; firstName: string; lastName: string };
        return isDelete(e)
          ? { id: e.aggregateId, version: e.version, deleted: true }
          : { id: e.aggregateId, version: e.version, deleted: false, clerkId: p.clerkId, firstName: p.firstName, lastName: p.lastName };
      }),
    );
  },
};
