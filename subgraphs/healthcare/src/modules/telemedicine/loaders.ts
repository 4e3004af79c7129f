import { asc, desc } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { byId, groupLoader, isUuid, preparedStatements, rowLoader, rowsByKey } from '@psa/subgraph-kit';
import { medicalSubscriptions, telemedicineConsultations } from './tables';

/** One statement per loader, prepared once per database handle; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  subscriptionsByOwnerId: rowsByKey(db, medicalSubscriptions, {
    key: medicalSubscriptions.ownerId,
    order: [desc(medicalSubscriptions.createdAt), desc(medicalSubscriptions.id)],
    name: 'healthcare_medical_subscriptions_by_owner_id',
  }),
  subscriptionById: rowsByKey(db, medicalSubscriptions, { key: medicalSubscriptions.id, name: 'healthcare_medical_subscription_by_id' }),
  consultationsBySubscriptionId: rowsByKey(db, telemedicineConsultations, {
    key: telemedicineConsultations.subscriptionId,
    order: [asc(telemedicineConsultations.scheduledAt), asc(telemedicineConsultations.id)],
    name: 'healthcare_consultations_by_subscription_id',
  }),
  consultationById: rowsByKey(db, telemedicineConsultations, { key: telemedicineConsultations.id, name: 'healthcare_consultation_by_id' }),
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
