import { asc, desc, inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
import { medicalSubscriptions, telemedicineConsultations } from './tables';

export function telemedicineLoaders(db: Db) {
  return {
    medicalSubscriptionsByOwnerId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(medicalSubscriptions)
          .where(inArray(medicalSubscriptions.ownerId, ids))
          .orderBy(desc(medicalSubscriptions.createdAt), desc(medicalSubscriptions.id)),
      (subscription) => subscription.ownerId,
      isUuid,
    ),
    medicalSubscriptionById: rowLoader(
      (ids: string[]) => db.select().from(medicalSubscriptions).where(inArray(medicalSubscriptions.id, ids)),
      (subscription) => subscription.id,
      isUuid,
    ),
    consultationsBySubscriptionId: groupLoader(
      (ids: string[]) =>
        db
          .select()
          .from(telemedicineConsultations)
          .where(inArray(telemedicineConsultations.subscriptionId, ids))
          .orderBy(asc(telemedicineConsultations.scheduledAt), asc(telemedicineConsultations.id)),
      (consultation) => consultation.subscriptionId,
      isUuid,
    ),
    consultationById: rowLoader(
      (ids: string[]) => db.select().from(telemedicineConsultations).where(inArray(telemedicineConsultations.id, ids)),
      (consultation) => consultation.id,
      isUuid,
    ),
  };
}
