import { desc, inArray } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { groupLoader, isUuid, rowLoader } from '@psa/subgraph-kit';
import { wellnessPlans } from './tables';

export function wellnessLoaders(db: Db) {
  return {
    wellnessPlansByPetId: groupLoader(
      (ids: string[]) =>
        db.select().from(wellnessPlans).where(inArray(wellnessPlans.petId, ids)).orderBy(desc(wellnessPlans.createdAt), desc(wellnessPlans.id)),
      (plan) => plan.petId,
      isUuid,
    ),
    wellnessPlanById: rowLoader(
      (ids: string[]) => db.select().from(wellnessPlans).where(inArray(wellnessPlans.id, ids)),
      (plan) => plan.id,
      isUuid,
    ),
  };
}
