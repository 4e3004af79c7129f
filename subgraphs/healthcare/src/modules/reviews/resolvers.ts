import { and, eq, isNull } from 'drizzle-orm';
import { badInput, conflict, forbidden, loadTypeDefs, notFound, optionalText, requiredText, type SubgraphModule } from '@psa/subgraph-kit';
import type { Resolvers } from '../../generated/resolvers';
import { visibleAppointment } from '../booking/access';
import { assertClinicRole, clinicOrNotFound } from '../clinics/access';
import { reviews } from './tables';

/** The seed's support role: moderates reviews. */
export const SUPPORT_ROLE = 'support';

export const reviewsModule: SubgraphModule = {
  name: 'reviews',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      writeReview: async (_, { input }, ctx) => {
        const { appointment, access } = await visibleAppointment(ctx, input.appointmentId);
        if (access !== 'owner') throw forbidden('only the appointment’s owner reviews it');
        if (appointment.status !== 'COMPLETED')
          throw badInput('input.appointmentId', `only a completed appointment is reviewed; this one is ${appointment.status}`);
        if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
          throw badInput('input.rating', `must be a whole number from 1 to 5, got ${input.rating}`);
        const [review] = await ctx.db
          .insert(reviews)
          .values({
            appointmentId: appointment.id,
            reviewerId: appointment.ownerId,
            clinicId: appointment.clinicId,
            vetId: appointment.vetId,
            rating: input.rating,
            title: optionalText('input.title', input.title, 200),
            body: optionalText('input.body', input.body, 5000),
          })
          .onConflictDoNothing({ target: reviews.appointmentId })
          .returning();
        if (!review) throw conflict('input.appointmentId', `appointment ${appointment.id} already has its review`);
        return review;
      },
      respondToReview: async (_, { id, response }, ctx) => {
        const [review] = await ctx.db.select().from(reviews).where(eq(reviews.id, id)).limit(1);
        if (!review) throw notFound('Review', id);
        await assertClinicRole(ctx, review.clinicId, ['ADMIN'], 'answer reviews');
        const [answered] = await ctx.db
          .update(reviews)
          .set({ clinicResponse: requiredText('response', response, 5000), clinicRespondedAt: new Date() })
          .where(and(eq(reviews.id, id), isNull(reviews.clinicResponse)))
          .returning();
        if (!answered) throw conflict('id', `review ${id} already has the clinic's answer`);
        return answered;
      },
      moderateReview: async (_, { id, published, reason }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        if (!ctx.viewer.isAdmin && !ctx.viewer.hasRole(SUPPORT_ROLE)) throw forbidden('only support staff and admins moderate reviews');
        const [review] = await ctx.db
          .update(reviews)
          .set({ isPublished: published, moderatedBy: subject, moderationReason: requiredText('reason', reason, 1000) })
          .where(eq(reviews.id, id))
          .returning();
        if (!review) throw notFound('Review', id);
        return review;
      },
    },
    Review: {
      clinic: (r, _, ctx) => clinicOrNotFound(ctx, r.clinicId),
      vet: (r, _, ctx) => (r.vetId ? ctx.loaders.vetById.load(r.vetId) : null),
    },
    Clinic: {
      reviews: (clinic, _, ctx) => ctx.loaders.reviewsByClinicId.load(clinic.id),
    },
    Appointment: {
      review: (a, _, ctx) => ctx.loaders.reviewByAppointmentId.load(a.id),
    },
  } satisfies Resolvers,
};
