import type { Db } from '@psa/db';
import { TRAINING_TOPICS, type CertificationEnvelope, type Projection } from '@psa/events';
import { notYetRecorded, registryEntriesForRecords } from '../registry/register';
import { certifications } from './tables';

/** Who vouches for a certificate training issued: the school itself, which published it. */
const VERIFIED_BY = 'training';

/**
 * A certificate a dog earned by completing a training program becomes the pet's certification here, from
 * training's event (training.certification), never from a call. It is verified as it arrives: the school that
 * ran the program issued it, so no registrar has anything to check.
 *
 * Idempotent as vaccinations from healthcare are: the certification's id IS the event's aggregate id (the id
 * training gave it), so a redelivered or replayed event, or the same one twice in a batch, adds nothing. The pet
 * is registered on the way if it has no registry entry yet (registryEntriesForRecords), known to licensure's
 * copy of core or not.
 */
export const certificationsFromTraining: Projection<typeof TRAINING_TOPICS.certification> = {
  topic: TRAINING_TOPICS.certification,
  async apply(tx: Db, events: CertificationEnvelope[]) {
    const fresh = await notYetRecorded(tx, certifications, events);
    if (fresh.length === 0) return;

    const entries = await registryEntriesForRecords(
      tx,
      fresh.map((e) => e.payload.petId),
    );
    await tx
      .insert(certifications)
      .values(
        fresh.map(({ aggregateId, occurredAt, payload: p }) => ({
          id: aggregateId,
          petId: p.petId,
          registryId: entries.get(p.petId)!,
          type: p.type,
          name: p.name,
          issuedBy: p.issuedBy,
          certificationNumber: p.certificationNumber,
          issuedDate: p.issuedDate,
          verified: true,
          verifiedBy: VERIFIED_BY,
          verifiedAt: new Date(occurredAt),
        })),
      )
      .onConflictDoNothing({ target: certifications.id });
  },
};
