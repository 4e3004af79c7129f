import { badInput, conflict, forbidden, isUuid, loadTypeDefs, notFound, type SubgraphModule } from '@psa/subgraph-kit';
import type { TrainingContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { bookingFor } from '../bookings/access';
import { optionalFreeText, reasonText } from '../bookings/rules';
import { reviewRating, reviewsListed } from './rules';
import { insertReview, moderateReview } from './store';

/** The seed's support role: moderates reviews. */
export const SUPPORT_ROLE = 'support';

function assertModerator(ctx: TrainingContext): string {
  const subject = ctx.viewer.requireSubject();
  if (!ctx.viewer.isAdmin && !ctx.viewer.hasRole(SUPPORT_ROLE)) throw forbidden(`only support staff (token role ${SUPPORT_ROLE}) and admins moderate reviews`);
  return subject;
}

async function moderated(ctx: TrainingContext, id: string, change: Parameters<typeof moderateReview>[2]) {
  const review = isUuid(id) ? await moderateReview(ctx.db, id, change) : null;
  if (!review) throw notFound('TrainerReview', id);
  return review;
}

export const reviewsModule: SubgraphModule = {
  name: 'reviews',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Mutation: {
      reviewTrainingBooking: async (_, { input }, ctx) => {
        const { booking } = await bookingFor(ctx, input.bookingId, ['owner'], 'review it');
        if (booking.status !== 'COMPLETED')
          throw badInput('input.bookingId', `only a COMPLETED booking is reviewed; booking ${booking.id} is ${booking.status}`);
        const review = await insertReview(ctx.db, {
          bookingId: booking.id,
          trainerId: booking.trainerId,
          ownerId: booking.ownerId,
          rating: reviewRating(input.rating),
          comment: optionalFreeText('input.comment', input.comment, 5000),
        });
        if (!review) throw conflict('input.bookingId', `booking ${booking.id} already has its review`);
        return review;
      },
      hideTrainerReview: async (_, { id, reason }, ctx) => {
        const moderatedBy = assertModerator(ctx);
        return moderated(ctx, id, { status: 'HIDDEN', moderatedBy, moderationReason: reasonText('reason', reason) });
      },
      showTrainerReview: async (_, { id }, ctx) => {
        const moderatedBy = assertModerator(ctx);
        return moderated(ctx, id, { status: 'PUBLISHED', moderatedBy, moderationReason: null });
      },
    },
    TrainerReview: {
      trainer: async (r, _, ctx) => (await ctx.loaders.trainerById.load(r.trainerId))!,
    },
    Trainer: {
      reviews: async (trainer, { first }, ctx) => {
        const limit = reviewsListed(first);
        return (await ctx.loaders.publishedReviewsByTrainerId.load(trainer.id)).slice(0, limit);
      },
    },
    TrainingBooking: {
      review: (b, _, ctx) => ctx.loaders.reviewByBookingId.load(b.id),
    },
  } satisfies Resolvers,
};
