import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { ownerCopies } from '../core-copies/tables';
import { petRegistry } from '../registry/tables';
import { lostPetReports } from './tables';

const OPEN = ['LOST', 'SIGHTING_REPORTED'] as const;

export interface LostPet {
  petId: string;
  ownerId: string;
  species: string;
  breed: string[];
  color: string[];
  markings: string | null;
  microchipNumber: string | null;
  statusUpdatedAt: string;
}

/**
 * Core said these pets are LOST: open a report for each that has none open. A report hangs off a registry entry,
 * so a pet that is not registered yet is registered on the way (status LOST).
 */
export async function openReportsForLostPets(tx: Db, pets: LostPet[]): Promise<void> {
  if (pets.length === 0) return;
  const ids = pets.map((p) => p.petId);
  await tx
    .insert(petRegistry)
    .values(pets.map((p) => ({ petId: p.petId, microchipNumber: p.microchipNumber, status: 'LOST' as const })))
    .onConflictDoUpdate({ target: petRegistry.petId, set: { status: 'LOST', statusUpdatedAt: new Date() } });
  const registry = await tx.select({ id: petRegistry.id, petId: petRegistry.petId }).from(petRegistry).where(inArray(petRegistry.petId, ids));
  const open = new Set(
    (await tx.select({ petId: lostPetReports.petId }).from(lostPetReports).where(and(inArray(lostPetReports.petId, ids), inArray(lostPetReports.status, [...OPEN])))).map((r) => r.petId),
  );
  const owners = new Map(
    (await tx.select({ id: ownerCopies.id, clerkId: ownerCopies.clerkId }).from(ownerCopies).where(inArray(ownerCopies.id, pets.map((p) => p.ownerId)))).map((o) => [o.id, o.clerkId]),
  );
  const registryOf = new Map(registry.map((r) => [r.petId, r.id]));
  const reports = pets
    .filter((p) => !open.has(p.petId))
    .map((p) => ({
      petId: p.petId,
      registryId: registryOf.get(p.petId)!,
      reportedBy: owners.get(p.ownerId) ?? `owner:${p.ownerId}`,
      lostDate: new Date(p.statusUpdatedAt),
      lastSeenLocation: { description: 'not given: the pet was marked LOST by its owner' },
      physicalDescription: [p.species, ...p.breed, ...p.color, p.markings].filter(Boolean).join(', ') || 'not given',
    }));
  if (reports.length > 0) await tx.insert(lostPetReports).values(reports);
}

/** Core said these pets are FOUND: close their open reports. */
export async function closeReportsOfFoundPets(tx: Db, pets: { petId: string; foundAt: Date }[]): Promise<void> {
  for (const { petId, foundAt } of pets) {
    await tx
      .update(lostPetReports)
      .set({ status: 'FOUND', statusUpdatedAt: new Date(), foundDate: foundAt, foundBy: sql`coalesce(${lostPetReports.foundBy}, 'owner')` })
      .where(and(eq(lostPetReports.petId, petId), inArray(lostPetReports.status, [...OPEN])));
    await tx.update(petRegistry).set({ status: 'FOUND', statusUpdatedAt: new Date() }).where(eq(petRegistry.petId, petId));
  }
}
