import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { registryContract } from '@psa/events';
import { licensureOutbox } from '../../outbox';
import { municipalLicenses } from '../licenses/tables';
import { petRegistry } from './tables';

/**
 * Publishes the registry state of these pets, in `tx` (the change's own transaction): the entry's version grows
 * and the event carries the whole state, so a consumer keeps the newest whatever it receives twice or late.
 * Called by every write that changes a registry number or the licence in force. The event goes through
 * licensure.registry's contract (packages/events/src/contracts/registry.ts): checked before it is written.
 */
export async function publishRegistryState(tx: Db, petIds: string[]): Promise<void> {
  if (petIds.length === 0) return;
  const entries = await tx
    .update(petRegistry)
    .set({ version: sql`${petRegistry.version} + 1` })
    .where(inArray(petRegistry.petId, petIds))
    .returning({ petId: petRegistry.petId, registryNumber: petRegistry.registryNumber, version: petRegistry.version });
  const inForce = await tx
    .selectDistinctOn([municipalLicenses.petId], { petId: municipalLicenses.petId, licenseNumber: municipalLicenses.licenseNumber })
    .from(municipalLicenses)
    .where(and(inArray(municipalLicenses.petId, petIds), eq(municipalLicenses.status, 'ACTIVE')))
    .orderBy(municipalLicenses.petId, desc(municipalLicenses.issuedDate), desc(municipalLicenses.createdAt));
  const licenceOf = new Map(inForce.map((l) => [l.petId, l.licenseNumber]));
  await licensureOutbox.emitIn(
    tx,
    entries.map((entry) => ({
      topic: registryContract.topic,
      key: entry.petId,
      envelope: registryContract.envelope({
        type: 'registry.updated',
        aggregateId: entry.petId,
        version: entry.version,
        payload: { petId: entry.petId, registryNumber: entry.registryNumber, licenseNumber: licenceOf.get(entry.petId) ?? null },
      }),
    })),
  );
}
