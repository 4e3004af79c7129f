import { CORE_TOPICS, newestPerAggregate, ownerSignInProjection, petsGone, versionedUpsert, type Projection } from '@psa/events';
import { releaseGonePets } from '../booking/rules';
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
              status: e.payload.status,
              species: e.payload.species,
              birthDate: e.payload.birthDate,
            },
      ),
    );
    // A pet deleted or dead keeps no appointment to come and no place in a waitlist (checks.ts verifies both).
    await releaseGonePets(tx, petsGone(events, changed));
  },
};

/** Who each owner signs in as: the shared projection (core.owner; an erasure leaves a tombstone). */
export const ownerProjection = ownerSignInProjection(ownerCopies);
