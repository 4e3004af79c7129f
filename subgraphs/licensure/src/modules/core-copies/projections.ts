import { inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { CORE_TOPICS, versionedUpsert, type EventEnvelope, type Projection } from '@psa/events';
import { closeReportsOfFoundPets, openReportsForLostPets } from '../lost-pets/automation';
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

/** Pets: keep the copy, and act on status changes core made (LOST opens a report, FOUND closes it). */
export const petProjection: Projection = {
  topic: CORE_TOPICS.pet,
  async apply(tx: Db, events: EventEnvelope[]) {
    const ids = events.map((e) => e.aggregateId);
    const before = new Map(
      (await tx.select({ id: petCopies.id, status: petCopies.status }).from(petCopies).where(inArray(petCopies.id, ids))).map((r) => [r.id, r.status]),
    );
    const changed = new Set(await versionedUpsert(tx, petCopies, events.map(petRow)));
    const applied = events.filter((e) => changed.has(e.aggregateId) && !isDelete(e));
    const becameLost = applied.filter((e) => (e.payload as PetPayload).status === 'LOST' && before.get(e.aggregateId) !== 'LOST');
    const becameFound = applied.filter((e) => (e.payload as PetPayload).status === 'FOUND' && before.get(e.aggregateId) !== 'FOUND');
    await openReportsForLostPets(tx, becameLost.map((e) => ({ petId: e.aggregateId, ...(e.payload as PetPayload) })));
    await closeReportsOfFoundPets(tx, becameFound.map((e) => ({ petId: e.aggregateId, foundAt: new Date((e.payload as PetPayload).statusUpdatedAt) })));
  },
};

export const ownerProjection: Projection = {
  topic: CORE_TOPICS.owner,
  async apply(tx: Db, events: EventEnvelope[]) {
    await versionedUpsert(
      tx,
      ownerCopies,
      events.map((e) => {
        const p = e.payload as { clerkId: string; firstName: string; lastName: string };
        return isDelete(e)
          ? { id: e.aggregateId, version: e.version, deleted: true }
          : { id: e.aggregateId, version: e.version, deleted: false, clerkId: p.clerkId, firstName: p.firstName, lastName: p.lastName };
      }),
    );
  },
};
