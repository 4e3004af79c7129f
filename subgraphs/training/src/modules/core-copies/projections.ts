import { CORE_TOPICS, newestPerAggregate, ownerSignInProjection, petsGone, versionedUpsert, type Projection } from '@psa/events';
import { announceGoneDogCancellations } from '../bookings/notices';
import { cancelGonePetBookings } from '../bookings/store';
import { withdrawGonePets } from '../programs/store';
import { petCopies, ownerCopies } from './tables';

/**
 * Copies hold state, not history: each batch keeps the newest event per aggregate, and versionedUpsert never
 * goes back in version, so duplicates, replays and reordering change nothing. A rule this division derives from
 * a copy belongs in the projection's transaction and in a check beside `copies` (see the Projection contract).
 *
 * Events arrive read through their topic's contract (@psa/events contracts): payloads are typed by event type
 * (a pet's delete carries only its id), and an event that breaks the contract goes to the dead-letter topic
 * instead of reaching apply.
 */
export const petProjection: Projection<typeof CORE_TOPICS.pet> = {
  topic: CORE_TOPICS.pet,
  async apply(tx, events) {
    const changed = await versionedUpsert(
      tx,
      petCopies,
      newestPerAggregate(events).map((e) =>
        e.type === 'pet.deleted'
          ? { id: e.aggregateId, version: e.version, deleted: true }
          : {
              id: e.aggregateId,
              version: e.version,
              deleted: false,
              ownerId: e.payload.ownerId,
              name: e.payload.name,
              species: e.payload.species,
              breed: e.payload.breed,
              birthDate: e.payload.birthDate,
              // Events written before core had them carry neither: the copy holds null, as core's pet does.
              size: e.payload.size ?? null,
              notes: e.payload.notes ?? null,
              status: e.payload.status,
            },
      ),
    );
    // A dog deleted or dead keeps no seat in a program and no session to come (checks.ts verifies both).
    const gone = petsGone(events, changed);
    await withdrawGonePets(tx, gone);
    await announceGoneDogCancellations(tx, await cancelGonePetBookings(tx, gone));
  },
};

/** Who each owner signs in as: the shared projection (core.owner; an erasure leaves a tombstone). */
export const ownerProjection = ownerSignInProjection(ownerCopies);
