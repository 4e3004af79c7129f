import { inArray } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@psa/db';
import { petCopies } from '../core-copies/tables';
import { publishRegistryState } from './publish';
import { petRegistry, type PetRegistryRow } from './tables';

/** What a registration the registry makes on its own knows of the pet: from licensure's copy, when it has one. */
export interface PetToRegister {
  petId: string;
  microchipNumber: string | null;
  status: PetRegistryRow['status'] | null;
}

/**
 * The registry entry id of each pet, registering those that have none yet, as a registrar's registration does:
 * the number comes from the registry's sequence (the column's default), and each new entry is published with
 * publishRegistryState, so core shows the number on the pet. For records that reach licensure by an event rather
 * than from a registrar (a vaccine given at a vet): they hang off an entry, and must not wait for one.
 *
 * Pets already registered are looked up first, so they never draw a number; ON CONFLICT covers a registration
 * committed meanwhile.
 */
export async function registryEntriesFor(tx: Db, pets: PetToRegister[]): Promise<Map<string, string>> {
  const byPet = new Map(pets.map((p) => [p.petId, p]));
  const petIds = [...byPet.keys()];
  if (petIds.length === 0) return new Map();
  const entryOf = async (ids: string[]) => tx.select({ id: petRegistry.id, petId: petRegistry.petId }).from(petRegistry).where(inArray(petRegistry.petId, ids));
  const entries = new Map((await entryOf(petIds)).map((e) => [e.petId, e.id]));
  const missing = [...byPet.values()].filter((p) => !entries.has(p.petId));
  if (missing.length === 0) return entries;
  const registered = await tx
    .insert(petRegistry)
    .values(missing.map((p) => ({ petId: p.petId, microchipNumber: p.microchipNumber, ...(p.status ? { status: p.status } : {}) })))
    .onConflictDoNothing({ target: petRegistry.petId })
    .returning({ id: petRegistry.id, petId: petRegistry.petId });
  await publishRegistryState(
    tx,
    registered.map((e) => e.petId),
  );
  for (const e of registered) entries.set(e.petId, e.id);
  const raced = missing.filter((p) => !entries.has(p.petId)).map((p) => p.petId);
  if (raced.length > 0) for (const e of await entryOf(raced)) entries.set(e.petId, e.id);
  return entries;
}

/**
 * The registry entry id of each pet a record arriving by an event is for (a vaccine given, a certificate earned),
 * registering those that have none yet. A pet licensure has no copy of yet (its copy of core lags the producer's),
 * or one core has since deleted or marked DECEASED, is still registered: the record exists; the copy only lends the
 * entry its microchip number and status when it has them.
 */
export async function registryEntriesForRecords(tx: Db, petIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(petIds)];
  if (unique.length === 0) return new Map();
  const copies = new Map(
    (
      await tx
        .select({ id: petCopies.id, deleted: petCopies.deleted, microchipNumber: petCopies.microchipNumber, status: petCopies.status })
        .from(petCopies)
        .where(inArray(petCopies.id, unique))
    ).map((c) => [c.id, c]),
  );
  return registryEntriesFor(
    tx,
    unique.map((petId) => {
      const copy = copies.get(petId);
      return { petId, microchipNumber: copy?.microchipNumber ?? null, status: copy && !copy.deleted ? copy.status : null };
    }),
  );
}

/**
 * The events of another division's records (a vaccine given, a certificate issued) that licensure has not recorded
 * yet: a record keeps its event's aggregate id as its own, so a redelivery, a replay or the same event twice in a
 * batch is found here and adds nothing.
 */
export async function notYetRecorded<E extends { aggregateId: string }>(tx: Db, table: PgTable & { id: AnyPgColumn }, events: E[]): Promise<E[]> {
  const byId = new Map(events.map((e) => [e.aggregateId, e]));
  const recorded = await tx
    .select({ id: table.id })
    .from(table)
    .where(inArray(table.id, [...byId.keys()]));
  for (const { id } of recorded) byId.delete(id as string);
  return [...byId.values()];
}
