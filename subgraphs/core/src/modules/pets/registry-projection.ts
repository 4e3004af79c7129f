import { inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@psa/db';
import { LICENSURE_TOPICS, type PendingEvent, type Projection, type RegistryEnvelope, type RegistryPayload } from '@psa/events';
import { coreOutbox } from '../../outbox';
import { petChanged } from '../../events';
import { pets, type PetRow } from './tables';

/** The newest registry state per pet in a batch (state transfer: the newest is all that matters here). */
function newestPerPet(events: RegistryEnvelope[]): { petId: string; version: number; state: RegistryPayload }[] {
  const newest = new Map<string, { petId: string; version: number; state: RegistryPayload }>();
  for (const event of events) {
    const state = event.payload;
    const seen = newest.get(event.aggregateId);
    if (!seen || seen.version < event.version) newest.set(event.aggregateId, { petId: event.aggregateId, version: event.version, state });
  }
  return [...newest.values()];
}

/**
 * Core keeps licensure's registry number and licence in force on the pet, for look-ups by number: licensure
 * publishes them, core's copy of those two fields follows (only a newer registry version changes them), and
 * the pet's own event tells every division, as any change of the pet does. Pets core no longer has are skipped.
 */
export const registryProjection: Projection<typeof LICENSURE_TOPICS.registry> = {
  topic: LICENSURE_TOPICS.registry,
  async apply(tx: Db, events: RegistryEnvelope[]) {
    const newest = newestPerPet(events);
    if (newest.length === 0) return;
    const rows = newest.map(({ petId, version, state }) => ({
      id: petId,
      registry_version: version,
      registry_number: state.registryNumber,
      license_id: state.licenseNumber,
    }));
    const changed = rowsOf<{ id: string }>(
      await tx.execute(sql`
        update core.pets p
        set registry_number = s.registry_number, license_id = s.license_id, registry_version = s.registry_version,
            version = p.version + 1, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as s(id uuid, registry_version int, registry_number text, license_id text)
        where p.id = s.id and p.registry_version < s.registry_version
        returning p.id`),
    );
    if (changed.length === 0) return;
    const updated: PetRow[] = await tx
      .select()
      .from(pets)
      .where(
        inArray(
          pets.id,
          changed.map((r) => r.id),
        ),
      );
    const pending: PendingEvent[] = [];
    for (const pet of updated) petChanged((event) => pending.push(event), 'pet.updated', pet);
    await coreOutbox.emitIn(tx, pending);
  },
};
