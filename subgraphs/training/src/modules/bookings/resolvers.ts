import {
  assertAlive,
  badInput,
  conflict,
  coreEntityField,
  existingPet,
  forbidden,
  loadOrNotFound,
  loadTypeDefs,
  notFound,
  type SubgraphModule,
  requireViewerOwnerId,
} from '@psa/subgraph-kit';
import type { TrainingContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { accessTo, bookingFor, TRAINER_ROLE, visibleBooking } from './access';
import { announce, announceCancellation } from './notices';
import { futureStart, optionalFreeText, petSize, reasonText, sessionEnd } from './rules';
import { acceptedOverlap, bookingsOfTrainer, changeStatus, insertBooking, insideAvailability, lockTrainer, serviceById, trainerOfSubject } from './store';

/** One of the viewer's own live dogs: NOT_FOUND if core has no such pet, FORBIDDEN if someone else's, BAD_USER_INPUT if not a live dog. */
async function ownLiveDog(ctx: TrainingContext, field: string, dogId: string, ownerId: string) {
  const pet = await existingPet(ctx, dogId);
  if (pet.ownerId !== ownerId) throw forbidden(`pet ${dogId} is not yours`);
  assertAlive(field, pet);
  if (pet.species !== 'DOG') throw badInput(field, `pet ${dogId} is a ${pet.species ?? 'pet of unknown species'}; trainers here train dogs`);
  return pet;
}

/** A verified trainer and one of their active services. */
async function bookableService(ctx: TrainingContext, trainerId: string, serviceId: string) {
  const trainer = await loadOrNotFound(ctx.loaders.trainerById, trainerId, 'Trainer');
  if (!trainer.isVerified) throw badInput('input.trainerId', `trainer ${trainerId} is not verified and takes no bookings`);
  const service = await serviceById(ctx.db, serviceId);
  if (!service) throw notFound('TrainerService', serviceId);
  if (service.trainerId !== trainer.id) throw badInput('input.serviceId', `service ${serviceId} is not one of trainer ${trainerId}'s`);
  if (!service.isActive) throw badInput('input.serviceId', `service ${serviceId} is no longer offered`);
  return { trainer, service };
}

export const bookingsModule: SubgraphModule = {
  name: 'bookings',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      trainingBooking: async (_, { id }, ctx) => (await visibleBooking(ctx, id)).booking,
      myTrainerBookings: async (_, { status }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const trainer = ctx.viewer.hasRole(TRAINER_ROLE) ? await trainerOfSubject(ctx.db, subject) : null;
        if (!trainer) throw forbidden('only trainers (token role trainer, with a trainer profile) have trainer bookings');
        return bookingsOfTrainer(ctx.db, trainer.id, status);
      },
    },
    Mutation: {
      bookTraining: async (_, { input }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const ownerId = await requireViewerOwnerId(ctx);
        const dog = await ownLiveDog(ctx, 'input.dogId', input.dogId, ownerId);
        const { trainer, service } = await bookableService(ctx, input.trainerId, input.serviceId);
        const startTime = futureStart('input.startTime', input.startTime);
        const endTime = sessionEnd(startTime, service.durationMinutes);
        if (!(await insideAvailability(ctx.db, trainer.id, startTime, endTime)))
          throw badInput(
            'input.startTime',
            `${startTime.toISOString()} to ${endTime.toISOString()} is outside trainer ${trainer.id}'s weekly availability (${trainer.timezone})`,
          );
        const taken = await acceptedOverlap(ctx.db, trainer.id, startTime, endTime);
        if (taken)
          throw conflict(
            'input.startTime',
            `trainer ${trainer.id} has an accepted session from ${taken.startTime.toISOString()} to ${taken.endTime.toISOString()}`,
          );
        const booking = await insertBooking(
          ctx.db,
          {
            trainerId: trainer.id,
            ownerId,
            dogId: dog.id,
            serviceId: service.id,
            startTime,
            endTime,
            priceSnapshotCents: service.priceCents,
            currency: service.currency,
            notes: optionalFreeText('input.notes', input.notes),
          },
          subject,
        );
        return announce(ctx, booking, 'BOOKING_REQUESTED');
      },
      acceptTrainingBooking: async (_, { id }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const { booking } = await bookingFor(ctx, id, ['trainer', 'admin'], 'accept it');
        // Accepts of one trainer take turns on the trainer's row, so two overlapping sessions are never both
        // accepted: each looks for an accepted overlap after the one before it has committed.
        await lockTrainer(ctx.db, booking.trainerId);
        const taken = await acceptedOverlap(ctx.db, booking.trainerId, booking.startTime, booking.endTime, booking.id);
        if (taken) throw conflict('id', `trainer ${booking.trainerId} has already accepted booking ${taken.id}, which overlaps it`);
        return announce(ctx, await changeStatus(ctx.db, 'id', booking, 'ACCEPTED', subject, null), 'BOOKING_ACCEPTED');
      },
      declineTrainingBooking: async (_, { id, reason }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const { booking } = await bookingFor(ctx, id, ['trainer'], 'decline it');
        const why = reasonText('reason', reason);
        if (booking.status !== 'PENDING') throw badInput('id', `only a PENDING booking is declined; booking ${id} is ${booking.status} (cancel it instead)`);
        const declined = await changeStatus(ctx.db, 'id', booking, 'CANCELLED', subject, why, { cancellationReason: why, cancelledBy: subject });
        return announce(ctx, declined, 'BOOKING_DECLINED');
      },
      cancelTrainingBooking: async (_, { id, reason }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const { booking } = await visibleBooking(ctx, id);
        const why = reasonText('reason', reason);
        const cancelled = await changeStatus(ctx.db, 'id', booking, 'CANCELLED', subject, why, { cancellationReason: why, cancelledBy: subject });
        return announceCancellation(ctx, cancelled, subject);
      },
      completeTrainingBooking: async (_, { id }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        const { booking } = await bookingFor(ctx, id, ['trainer'], 'complete it');
        if (booking.status === 'ACCEPTED' && booking.startTime.getTime() > Date.now())
          throw badInput('id', `booking ${id}'s session starts at ${booking.startTime.toISOString()}: it is completed once it has started`);
        return announce(ctx, await changeStatus(ctx.db, 'id', booking, 'COMPLETED', subject, null, { completedAt: new Date() }), 'BOOKING_COMPLETED');
      },
    },
    TrainingBooking: {
      trainer: async (b, _, ctx) => (await ctx.loaders.trainerById.load(b.trainerId))!,
      // The trainer sees `dog`, never core's pet of a stranger.
      pet: async (b, _, ctx) => {
        const access = await accessTo(ctx, b);
        return access === 'owner' || access === 'admin' ? { __typename: 'Pet' as const, id: b.dogId } : null;
      },
      dog: async (b, _, ctx) => {
        const copy = await ctx.loaders.petById.load(b.dogId);
        return { name: copy?.name ?? null, breed: copy?.breed ?? null, size: petSize(copy?.size ?? null), notes: copy?.notes ?? null };
      },
      history: (b, _, ctx) => ctx.loaders.bookingHistoryByBookingId.load(b.id),
    },
    Pet: {
      trainingBookings: coreEntityField('Pet', [], (pet, ctx: TrainingContext) => ctx.loaders.trainingBookingsByDogId.load(pet.id)),
    },
    Owner: {
      __resolveReference: (reference) => reference,
      trainingBookings: coreEntityField('Owner', [], (owner, ctx: TrainingContext) => ctx.loaders.trainingBookingsByOwnerId.load(owner.id)),
    },
  } satisfies Resolvers,
};
