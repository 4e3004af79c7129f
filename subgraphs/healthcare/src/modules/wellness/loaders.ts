import { desc } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { byId, groupLoader, isUuid, preparedStatements, rowLoader, rowsByKey } from '@psa/subgraph-kit';
import { wellnessPlans } from './tables';

/** One statement per loader, prepared once per database handle; each batch binds its keys. */
const statementsOf = preparedStatements((db: Db) => ({
  plansByPetId: rowsByKey(db, wellnessPlans, {
    key: wellnessPlans.petId,
    order: [desc(wellnessPlans.createdAt), desc(wellnessPlans.id)],
    name: 'healthcare_wellness_plans_by_pet_id',
  }),
  planById: rowsByKey(db, wellnessPlans, { key: wellnessPlans.id, name: 'healthcare_wellness_plan_by_id' }),
}));

export function wellnessLoaders(db: Db) {
  const statements = statementsOf(db);
  return {
    wellnessPlansByPetId: groupLoader(statements.plansByPetId, (plan) => plan.petId, isUuid),
    wellnessPlanById: rowLoader(statements.planById, byId, isUuid),
  };
}
