import { asc, desc } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { byId, groupLoader, isAnyKey, isUuid, preparedStatements, rowLoader } from '@psa/subgraph-kit';
import { medicalSubscriptions, telemedicineConsultations } from './tables';

/** One statement per loader, prepared once per database handle; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  subscriptionsByOwnerId: db
    .select()
    .from(medicalSubscriptions)
    .where(isAnyKey(medicalSubscriptions.ownerId))
    .orderBy(desc(medicalSubscriptions.createdAt), desc(medicalSubscriptions.id))
    .prepare('healthcare_medical_subscriptions_by_owner_id'),
  subscriptionById: db.select().from(medicalSubscriptions).where(isAnyKey(medicalSubscriptions.id)).prepare('healthcare_medical_subscription_by_id'),
  consultationsBySubscriptionId: db
    .select()
    .from(telemedicineConsultations)
    .where(isAnyKey(telemedicineConsultations.subscriptionId))
    .orderBy(asc(telemedicineConsultations.scheduledAt), asc(telemedicineConsultations.id))
    .prepare('healthcare_consultations_by_subscription_id'),
  consultationById: db.select().from(telemedicineConsultations).where(isAnyKey(telemedicineConsultations.id)).prepare('healthcare_consultation_by_id'),
}));

export function telemedicineLoaders(db: Db) {
  const statements = statementsOf(db);
  return {
    medicalSubscriptionsByOwnerId: groupLoader(statements.subscriptionsByOwnerId, (subscription) => subscription.ownerId, isUuid),
    medicalSubscriptionById: rowLoader(statements.subscriptionById, byId, isUuid),
    consultationsBySubscriptionId: groupLoader(statements.consultationsBySubscriptionId, (consultation) => consultation.subscriptionId, isUuid),
    consultationById: rowLoader(statements.consultationById, byId, isUuid),
  };
}
