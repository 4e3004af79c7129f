import type { Db } from '@psa/db';
import { HEALTHCARE_TOPICS, type Projection, type VaccinationEnvelope } from '@psa/events';
import { notYetRecorded, registryEntriesForRecords } from '../registry/register';
import { vaccinations } from './tables';

/**
 * A vaccine given at a completed vet appointment becomes the pet's vaccination here, from healthcare's event
 * (healthcare.vaccination), never from a call.
 *
 * Idempotent: the vaccination's id IS the event's aggregate id (the id healthcare gave it), so a redelivered or
 * replayed event, or the same one twice in a batch, finds its row and adds nothing (ON CONFLICT DO NOTHING on the
 * primary key covers the rest). A vaccine is given once, so there is no later version to apply.
 *
 * No registry entry yet: the pet is registered on the way (registryEntriesFor, the registry's own registration,
 * which draws the number from its sequence and publishes it to core), as lost reports do. A vaccination hangs off
 * an entry, and the vet's record must not be dropped or parked because nobody registered the pet; the owner would
 * otherwise never see the vaccine, and a dead letter would need a person to replay it.
 *
 * A pet licensure has no copy of yet (its copy of core lags healthcare's, which accepted the appointment), or one
 * core has since deleted or marked DECEASED: still recorded, and registered if need be (registryEntriesForRecords).
 */
export const vaccinationsFromHealthcare: Projection<typeof HEALTHCARE_TOPICS.vaccination> = {
  topic: HEALTHCARE_TOPICS.vaccination,
  async apply(tx: Db, events: VaccinationEnvelope[]) {
    const fresh = await notYetRecorded(tx, vaccinations, events);
    if (fresh.length === 0) return;

    const entries = await registryEntriesForRecords(
      tx,
      fresh.map((e) => e.payload.petId),
    );

    await tx
      .insert(vaccinations)
      .values(
        fresh.map(({ aggregateId, payload: p }) => ({
          id: aggregateId,
          petId: p.petId,
          registryId: entries.get(p.petId)!,
          vaccineName: p.vaccineName,
          vaccineType: p.vaccineType,
          administeredDate: p.administeredDate,
          nextDueDate: p.nextDueDate ?? null,
          administeredBy: p.administeredBy,
          clinicName: p.clinicName,
          manufacturer: p.manufacturer,
          lotNumber: p.lotNumber,
          expirationDate: p.expirationDate ?? null,
        })),
      )
      .onConflictDoNothing({ target: vaccinations.id });
  },
};
