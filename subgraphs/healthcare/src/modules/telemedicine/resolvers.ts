import { and, eq, inArray } from 'drizzle-orm';
import {
  badInput,
  conflict,
  coreEntityField,
  forbidden,
  isUuid,
  loadOrNotFound,
  loadTypeDefs,
  notFound,
  type SubgraphModule,
  hasAnyRole,
  viewerOwnerId,
  assertTransition,
} from '@psa/subgraph-kit';
import type { HealthcareContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { TELEMEDICINE_VET_ROLE } from '../../access';
import { ownerCopies } from '../core-copies/tables';
import { medicalSubscriptions, telemedicineConsultations, type MedicalSubscriptionRow } from './tables';
import { addMonths, completionValues, CONSULTATION_TRANSITIONS, durationMinutes, MEDICAL_PLANS, scheduledAt, SUBSCRIPTION_TRANSITIONS } from './rules';

const VETS = [TELEMEDICINE_VET_ROLE] as const;

const isSubscriber = async (ctx: HealthcareContext, subscription: MedicalSubscriptionRow) => (await viewerOwnerId(ctx)) === subscription.ownerId;

/** Throws FORBIDDEN unless the viewer is the subscriber or an admin. */
async function assertSubscriber(ctx: HealthcareContext, subscription: MedicalSubscriptionRow, action: string): Promise<void> {
  ctx.viewer.requireSubject();
  if (ctx.viewer.isAdmin || (await isSubscriber(ctx, subscription))) return;
  throw forbidden(`only the subscriber may ${action}`);
}

/** The owner a subscription is for: the signed-in owner, or, for an admin, the owner named (as healthcare's copy knows them). */
async function subscriberOf(ctx: HealthcareContext, ownerId: string | null | undefined): Promise<string> {
  ctx.viewer.requireSubject();
  if (ownerId === null || ownerId === undefined) {
    const own = await viewerOwnerId(ctx);
    if (own === null) throw forbidden('only owners subscribe: create your owner profile first');
    return own;
  }
  if (!ctx.viewer.isAdmin) throw forbidden('only admins subscribe another owner; leave input.ownerId out');
  const [owner] = isUuid(ownerId)
    ? await ctx.db
        .select({ id: ownerCopies.id })
        .from(ownerCopies)
        .where(and(eq(ownerCopies.id, ownerId), eq(ownerCopies.deleted, false)))
        .limit(1)
    : [];
  if (!owner) throw notFound('Owner', ownerId);
  return owner.id;
}

export const telemedicineModule: SubgraphModule = {
  name: 'telemedicine',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      medicalSubscription: async (_, { id }, ctx) => {
        const subscription = await ctx.loaders.medicalSubscriptionById.load(id);
        if (!subscription || !ctx.viewer.subject) return null;
        return hasAnyRole(ctx, VETS) || (await isSubscriber(ctx, subscription)) ? subscription : null;
      },
    },
    Mutation: {
      subscribeMedicalPlan: async (_, { input }, ctx) => {
        const ownerId = await subscriberOf(ctx, input.ownerId);
        const [running] = await ctx.db
          .select({ id: medicalSubscriptions.id, plan: medicalSubscriptions.plan })
          .from(medicalSubscriptions)
          .where(and(eq(medicalSubscriptions.ownerId, ownerId), inArray(medicalSubscriptions.status, ['ACTIVE', 'PAUSED'])))
          .limit(1);
        if (running) throw conflict('input.plan', `owner ${ownerId} already has ${running.plan} subscription ${running.id}; cancel it first`);
        const plan = MEDICAL_PLANS[input.plan];
        const startDate = new Date();
        const [subscription] = await ctx.db
          .insert(medicalSubscriptions)
          .values({
            ownerId,
            plan: input.plan,
            monthlyPriceCents: plan.monthlyPriceCents,
            services: [...plan.services],
            startDate,
            nextBillingDate: addMonths(startDate, 1),
          })
          .returning();
        return subscription!;
      },
      cancelMedicalSubscription: async (_, { id }, ctx) => {
        const subscription = await loadOrNotFound(ctx.loaders.medicalSubscriptionById, id, 'MedicalSubscription');
        await assertSubscriber(ctx, subscription, 'cancel it');
        assertTransition(SUBSCRIPTION_TRANSITIONS, 'id', `subscription ${subscription.id}`, subscription.status, 'CANCELLED');
        const [row] = await ctx.db
          .update(medicalSubscriptions)
          .set({ status: 'CANCELLED', cancelledAt: new Date() })
          .where(and(eq(medicalSubscriptions.id, subscription.id), eq(medicalSubscriptions.status, subscription.status)))
          .returning();
        if (!row) throw conflict('id', `subscription ${subscription.id} changed meanwhile; read it again`);
        return row;
      },
      scheduleTelemedicineConsultation: async (_, { input }, ctx) => {
        const subscription = await loadOrNotFound(ctx.loaders.medicalSubscriptionById, input.subscriptionId, 'MedicalSubscription');
        await assertSubscriber(ctx, subscription, 'book consultations on it');
        if (subscription.status !== 'ACTIVE')
          throw badInput('input.subscriptionId', `subscription ${subscription.id} is ${subscription.status}; consultations are booked on ACTIVE ones`);
        const at = scheduledAt('input.scheduledAt', input.scheduledAt);
        const duration = durationMinutes('input.duration', input.duration);
        const provider = await loadOrNotFound(ctx.loaders.vetProviderById, input.providerId, 'VetNetworkProvider');
        if (!provider.active) throw badInput('input.providerId', `provider ${provider.name} is no longer in the network`);
        const [consultation] = await ctx.db
          .insert(telemedicineConsultations)
          .values({
            subscriptionId: subscription.id,
            providerId: provider.id,
            providerName: provider.name,
            scheduledAt: at,
            duration,
            consultationType: input.consultationType,
          })
          .returning();
        return consultation!;
      },
      changeConsultationStatus: async (_, { input }, ctx) => {
        const consultation = await loadOrNotFound(ctx.loaders.consultationById, input.consultationId, 'TelemedicineConsultation');
        if (!hasAnyRole(ctx, VETS)) {
          const subscription = await loadOrNotFound(ctx.loaders.medicalSubscriptionById, consultation.subscriptionId, 'MedicalSubscription');
          await assertSubscriber(ctx, subscription, 'change its consultations');
          if (input.status !== 'CANCELLED') throw forbidden(`subscribers may only cancel a consultation; ${input.status} is for telemedicine vets`);
        }
        assertTransition(CONSULTATION_TRANSITIONS, 'input.status', `consultation ${consultation.id}`, consultation.status, input.status);
        const [row] = await ctx.db
          .update(telemedicineConsultations)
          .set({ status: input.status, ...completionValues(input) })
          .where(and(eq(telemedicineConsultations.id, consultation.id), eq(telemedicineConsultations.status, consultation.status)))
          .returning();
        if (!row) throw conflict('input.consultationId', `consultation ${consultation.id} changed meanwhile; read it again`);
        return row;
      },
    },
    Owner: {
      // healthcare stores nothing about the owner itself: the reference is all its fields need.
      __resolveReference: (reference) => reference,
      medicalSubscriptions: coreEntityField('Owner', VETS, (owner, ctx: HealthcareContext) => ctx.loaders.medicalSubscriptionsByOwnerId.load(owner.id)),
    },
    MedicalSubscription: {
      owner: (subscription) => ({ __typename: 'Owner' as const, id: subscription.ownerId }),
      consultations: (subscription, _, ctx) => ctx.loaders.consultationsBySubscriptionId.load(subscription.id),
    },
    TelemedicineConsultation: {
      subscription: async (consultation, _, ctx) => (await ctx.loaders.medicalSubscriptionById.load(consultation.subscriptionId))!,
    },
  } satisfies Resolvers,
};
