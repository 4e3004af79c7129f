import { forbidden, loadTypeDefs, type SubgraphModule, viewerOwnerId } from '@psa/subgraph-kit';
import type { Resolvers } from '../../generated/resolvers';
import { maySeePayoutsOf, paymentAccess, requireAdmin, viewerTrainer } from './access';
import { payForBooking, processPayout, refundPayment, runPayout } from './rules';
import { paymentsOfOwner } from './store';

/**
 * Owners pay for their bookings; admins and the booking's trainer refund; admins pay trainers out. A payment is
 * seen by the booking's owner, its trainer and admins; payouts by their trainer and admins.
 */
export const paymentsModule: SubgraphModule = {
  name: 'payments',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      trainingPayment: async (_, { id }, ctx) => {
        const payment = await ctx.loaders.trainingPaymentById.load(id);
        return payment && (await paymentAccess(ctx, payment)) !== null ? payment : null;
      },
      myTrainingPayments: async (_, __, ctx) => {
        const ownerId = await viewerOwnerId(ctx);
        return ownerId ? paymentsOfOwner(ctx.db, ownerId) : [];
      },
      myTrainerPayouts: async (_, __, ctx) => {
        ctx.viewer.requireSubject();
        const trainer = await viewerTrainer(ctx);
        if (!trainer) throw forbidden('only trainers have payouts: this sign-in has no trainer profile');
        return ctx.loaders.payoutsByTrainerId.load(trainer.id);
      },
    },
    Mutation: {
      payForTrainingBooking: (_, { input }, ctx) => payForBooking(ctx, input),
      refundTrainingPayment: (_, { paymentId, reason }, ctx) => refundPayment(ctx, paymentId, reason),
      runTrainerPayout: (_, { trainerId }, ctx) => {
        requireAdmin(ctx, 'run payouts');
        return runPayout(ctx, trainerId);
      },
      processTrainerPayout: (_, { id }, ctx) => {
        requireAdmin(ctx, 'process payouts');
        return processPayout(ctx, id);
      },
    },
    Trainer: {
      payouts: async (trainer, _, ctx) => {
        if (!(await maySeePayoutsOf(ctx, trainer.id))) throw forbidden(`only trainer ${trainer.id} and admins see its payouts`);
        return ctx.loaders.payoutsByTrainerId.load(trainer.id);
      },
    },
    Payout: {
      trainer: async (payout, _, ctx) => (await ctx.loaders.trainerById.load(payout.trainerId))!,
      items: (payout, _, ctx) => ctx.loaders.payoutItemsByPayoutId.load(payout.id),
    },
    PayoutItem: {
      payment: async (item, _, ctx) => (await ctx.loaders.trainingPaymentById.load(item.paymentId))!,
    },
  } satisfies Resolvers,
};
