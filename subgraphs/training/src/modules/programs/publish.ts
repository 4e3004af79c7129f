import { randomUUID } from 'node:crypto';
import type { Db } from '@psa/db';
import { certificationContract, type CertificationIssuedPayload } from '@psa/events';
import { toIsoDate } from '@psa/subgraph-kit';
import { trainingOutbox } from '../../outbox';
import type { TrainerRow } from '../trainers/tables';
import { certificateNumber } from './rules';
import { trainingCertifications, type TrainingCertificationRow, type TrainingEnrollmentRow, type TrainingProgramRow } from './tables';

const payloadOf = (row: TrainingCertificationRow): CertificationIssuedPayload => ({
  petId: row.petId,
  enrollmentId: row.enrollmentId,
  programId: row.programId,
  trainerId: row.trainerId,
  type: row.type,
  name: row.name,
  issuedBy: row.issuedBy,
  certificationNumber: row.certificateNumber,
  issuedDate: row.issuedDate,
});

/**
 * Issues the certificate a completed enrollment earns and publishes it as `certification.issued` on
 * training.certification, in `tx`: the caller's own transaction (the enrollment's completion), so the grade, the
 * certificate and its event commit or roll back together. Licensure records it as the dog's certification from
 * the event; training never calls it.
 *
 * The event is checked against the topic's contract before it is written: an event the contract refuses throws,
 * and the caller's transaction fails. The certificate number is drawn again on the rare clash with an issued one.
 */
export async function issueCertification(
  tx: Db,
  enrollment: TrainingEnrollmentRow,
  program: TrainingProgramRow,
  trainer: TrainerRow,
  today = new Date(),
): Promise<TrainingCertificationRow> {
  const issuedDate = toIsoDate(today);
  for (let attempt = 0; attempt < 5; attempt++) {
    const [issued] = await tx
      .insert(trainingCertifications)
      .values({
        id: randomUUID(),
        enrollmentId: enrollment.id,
        petId: enrollment.petId,
        programId: program.id,
        trainerId: trainer.id,
        type: program.certificationType,
        name: program.name,
        issuedBy: trainer.displayName,
        certificateNumber: certificateNumber(issuedDate),
        issuedDate,
      })
      .onConflictDoNothing({ target: trainingCertifications.certificateNumber })
      .returning();
    if (!issued) continue;
    const envelope = certificationContract.envelope({ type: 'certification.issued', aggregateId: issued.id, version: 1, payload: payloadOf(issued) });
    await trainingOutbox.emitIn(tx, [{ topic: certificationContract.topic, key: issued.id, envelope }]);
    return issued;
  }
  throw new Error('no free certificate number after 5 draws');
}
