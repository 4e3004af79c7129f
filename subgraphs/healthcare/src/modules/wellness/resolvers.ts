import { and, eq, inArray } from 'drizzle-orm';
import {
  conflict,
  coreEntityField,
  loadOrNotFound,
  loadTypeDefs,
  type SubgraphModule,
  assertAlive,
  assertPetOwnerOr,
  existingPet,
  petCopy,
  petOf,
  assertTransition,
} from '@psa/subgraph-kit';
import type { HealthcareContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { WELLNESS_STAFF_ROLE } from '../../access';
import { SUBSCRIPTION_TRANSITIONS } from '../telemedicine/rules';
import { wellnessPlans } from './tables';
import { firstBillingDate, wellnessStartDate, WELLNESS_TIERS } from './rules';

export const wellnessModule: SubgraphModule = {
  name: 'wellness',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      subscribeWellnessPlan: async (_, { input }, ctx) => {
        const pet = await existingPet(ctx, input.petId);
        await assertPetOwnerOr(ctx, pet, [], 'subscribe it to a wellness plan');
        assertAlive('input.petId', pet);
        const startDate = wellnessStartDate('input.startDate', input.startDate);
        const [running] = await ctx.db
          .select({ id: wellnessPlans.id, tier: wellnessPlans.tier })
          .from(wellnessPlans)
          .where(and(eq(wellnessPlans.petId, pet.id), inArray(wellnessPlans.status, ['ACTIVE', 'PAUSED'])))
          .limit(1);
        if (running) throw conflict('input.petId', `pet ${pet.id} already has ${running.tier} wellness plan ${running.id}; cancel it first`);
        const tier = WELLNESS_TIERS[input.tier];
        const [plan] = await ctx.db
          .insert(wellnessPlans)
          .values({
            petId: pet.id,
            tier: input.tier,
            monthlyPriceCents: tier.monthlyPriceCents,
            includedServices: [...tier.includedServices],
            startDate,
            nextBillingDate: firstBillingDate(startDate),
          })
          .returning();
        return plan!;
      },
      cancelWellnessPlan: async (_, { id }, ctx) => {
        const plan = await loadOrNotFound(ctx.loaders.wellnessPlanById, id, 'WellnessPlan');
        await assertPetOwnerOr(ctx, await petCopy(ctx, plan.petId), [], 'cancel its wellness plan');
        assertTransition(SUBSCRIPTION_TRANSITIONS, 'id', `wellness plan ${plan.id}`, plan.status, 'CANCELLED');
        const [row] = await ctx.db
          .update(wellnessPlans)
          .set({ status: 'CANCELLED', cancelledAt: new Date(), nextBillingDate: null })
          .where(and(eq(wellnessPlans.id, plan.id), eq(wellnessPlans.status, plan.status)))
          .returning();
        if (!row) throw conflict('id', `wellness plan ${plan.id} changed meanwhile; read it again`);
        return row;
      },
    },
    Pet: {
      wellnessPlans: coreEntityField('Pet', [WELLNESS_STAFF_ROLE], (pet, ctx: HealthcareContext) => ctx.loaders.wellnessPlansByPetId.load(pet.id)),
    },
    WellnessPlan: { pet: petOf },
  } satisfies Resolvers,
};
