import { eq } from 'drizzle-orm';
import {
  conflict,
  dateNotInFuture,
  forbidden,
  loadOrNotFound,
  loadTypeDefs,
  notFound,
  optionalText,
  requiredText,
  type SubgraphModule,
} from '@psa/subgraph-kit';
import type { TrainingContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { assertAdmin, managesTrainer, trainerToManage, TRAINER_ROLE } from './access';
import * as rules from './rules';
import { searchTrainers } from './search';
import { lockTrainer, overlappingWindow, savedPlaceOf, saveTrainerPlace, saveUserPlace } from './store';
import { trainerAvailability, trainerCertifications, trainers, trainerServices, type LocationRow } from './tables';

const MAX_BIO = 5000;

/** The one whose place it is, and admins, see its private parts (street address, user id). */
const seesPlacePrivately = (ctx: TrainingContext, place: LocationRow) =>
  ctx.viewer.isAdmin || (ctx.viewer.subject !== null && ctx.viewer.subject === place.userId);

async function serviceToManage(ctx: TrainingContext, id: string) {
  const [service] = await ctx.db.select().from(trainerServices).where(eq(trainerServices.id, id)).limit(1);
  if (!service) throw notFound('TrainerService', id);
  await trainerToManage(ctx, service.trainerId, 'change services');
  return service;
}

/** Trainers' profiles are public: anyone may read them, by id or as a reference from another type. */
export const trainersModule: SubgraphModule = {
  name: 'trainers',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: {
    Query: {
      trainer: (_, { id }, ctx) => ctx.loaders.trainerById.load(id),
      myTrainerProfile: (_, __, ctx) => ctx.loaders.trainerByUserId.load(ctx.viewer.requireSubject()),
      myLocation: (_, __, ctx) => savedPlaceOf(ctx.db, ctx.viewer.requireSubject()),
      trainers: (_, { search, first }, ctx) => searchTrainers(ctx.db, ctx.viewer, search, first ?? 20),
    },
    Mutation: {
      createTrainerProfile: async (_, { input }, ctx) => {
        const subject = ctx.viewer.requireSubject();
        if (!ctx.viewer.isAdmin && !ctx.viewer.hasRole(TRAINER_ROLE))
          throw forbidden(`only trainers (token role ${TRAINER_ROLE}) and admins may create a trainer profile`);
        const values = {
          userId: subject,
          displayName: requiredText('input.displayName', input.displayName, 120),
          yearsOfExperience: rules.wholeNumberBetween('input.yearsOfExperience', input.yearsOfExperience, 0, 80),
          bio: optionalText('input.bio', input.bio, MAX_BIO),
          timezone: rules.timezone('input.timezone', input.timezone),
        };
        const place = rules.place('input.location', input.location);
        // A second profile of the same subject (even one racing this) leaves the unique index to say no.
        const [trainer] = await ctx.db.insert(trainers).values(values).onConflictDoNothing({ target: trainers.userId }).returning();
        if (!trainer) throw conflict('createTrainerProfile', `user ${subject} already has a trainer profile`);
        await saveTrainerPlace(ctx.db, trainer, place);
        return (await ctx.db.select().from(trainers).where(eq(trainers.id, trainer.id)))[0]!;
      },
      updateTrainerProfile: async (_, { trainerId, input }, ctx) => {
        const trainer = await trainerToManage(ctx, trainerId, 'change a profile');
        const changes = {
          ...(input.displayName != null && { displayName: requiredText('input.displayName', input.displayName, 120) }),
          ...(input.yearsOfExperience != null && {
            yearsOfExperience: rules.wholeNumberBetween('input.yearsOfExperience', input.yearsOfExperience, 0, 80),
          }),
          ...(input.bio !== undefined && { bio: optionalText('input.bio', input.bio, MAX_BIO) }),
          ...(input.timezone != null && { timezone: rules.timezone('input.timezone', input.timezone) }),
        };
        const place = input.location == null ? null : rules.place('input.location', input.location);
        if (place) await saveTrainerPlace(ctx.db, trainer, place);
        // Always written, so updatedAt says when the profile (its place included) last changed.
        const [updated] = await ctx.db
          .update(trainers)
          .set({ ...changes, updatedAt: new Date() })
          .where(eq(trainers.id, trainer.id))
          .returning();
        return updated!;
      },
      addTrainerService: async (_, { trainerId, input }, ctx) => {
        const trainer = await trainerToManage(ctx, trainerId, 'add services');
        const [service] = await ctx.db
          .insert(trainerServices)
          .values({
            trainerId: trainer.id,
            name: requiredText('input.name', input.name, 120),
            description: optionalText('input.description', input.description, MAX_BIO),
            durationMinutes: rules.sessionMinutes('input.durationMinutes', input.durationMinutes),
            priceCents: rules.priceCents('input.priceCents', input.priceCents),
            currency: input.currency == null ? 'USD' : rules.currency('input.currency', input.currency),
            isActive: input.isActive ?? true,
          })
          .returning();
        return service!;
      },
      updateTrainerService: async (_, { id, input }, ctx) => {
        const service = await serviceToManage(ctx, id);
        const changes = {
          ...(input.name != null && { name: requiredText('input.name', input.name, 120) }),
          ...(input.description !== undefined && { description: optionalText('input.description', input.description, MAX_BIO) }),
          ...(input.durationMinutes != null && { durationMinutes: rules.sessionMinutes('input.durationMinutes', input.durationMinutes) }),
          ...(input.priceCents != null && { priceCents: rules.priceCents('input.priceCents', input.priceCents) }),
          ...(input.currency != null && { currency: rules.currency('input.currency', input.currency) }),
          ...(input.isActive != null && { isActive: input.isActive }),
        };
        const [updated] = await ctx.db
          .update(trainerServices)
          .set({ ...changes, updatedAt: new Date() })
          .where(eq(trainerServices.id, service.id))
          .returning();
        return updated!;
      },
      addTrainerCertification: async (_, { trainerId, input }, ctx) => {
        const trainer = await trainerToManage(ctx, trainerId, 'add certifications');
        const [certification] = await ctx.db
          .insert(trainerCertifications)
          .values({
            trainerId: trainer.id,
            name: requiredText('input.name', input.name, 200),
            issuedBy: requiredText('input.issuedBy', input.issuedBy, 200),
            issuedAt: dateNotInFuture('input.issuedAt', input.issuedAt),
          })
          .returning();
        return certification!;
      },
      verifyTrainerCertification: async (_, { id }, ctx) => {
        assertAdmin(ctx, 'verify certifications');
        const [certification] = await ctx.db
          .update(trainerCertifications)
          .set({ verifiedBy: ctx.viewer.requireSubject(), verifiedAt: new Date() })
          .where(eq(trainerCertifications.id, id))
          .returning();
        if (!certification) throw notFound('TrainerCertification', id);
        return certification;
      },
      verifyTrainer: async (_, { id }, ctx) => {
        assertAdmin(ctx, 'verify trainers');
        await loadOrNotFound(ctx.loaders.trainerById, id, 'Trainer');
        const [trainer] = await ctx.db
          .update(trainers)
          .set({ isVerified: true, verifiedBy: ctx.viewer.requireSubject(), verifiedAt: new Date() })
          .where(eq(trainers.id, id))
          .returning();
        return trainer!;
      },
      addAvailabilityWindow: async (_, { trainerId, input }, ctx) => {
        const trainer = await trainerToManage(ctx, trainerId, 'change availability');
        const window = rules.window(input);
        await lockTrainer(ctx.db, trainer.id);
        const other = await overlappingWindow(ctx.db, trainer.id, window);
        if (other)
          throw conflict(
            'input.startTime',
            `${window.startTime}-${window.endTime} overlaps window ${other.id} (day ${other.dayOfWeek}, ${rules.hhmm(other.startTime)}-${rules.hhmm(other.endTime)})`,
          );
        const [added] = await ctx.db
          .insert(trainerAvailability)
          .values({ trainerId: trainer.id, ...window })
          .returning();
        return added!;
      },
      removeAvailabilityWindow: async (_, { id }, ctx) => {
        const [window] = await ctx.db.select().from(trainerAvailability).where(eq(trainerAvailability.id, id)).limit(1);
        if (!window) throw notFound('TrainerAvailability', id);
        await trainerToManage(ctx, window.trainerId, 'change availability');
        await ctx.db.delete(trainerAvailability).where(eq(trainerAvailability.id, id));
        return window;
      },
      saveMyLocation: (_, { input }, ctx) => saveUserPlace(ctx.db, ctx.viewer.requireSubject(), rules.place('input', input)),
    },
    Trainer: {
      __resolveReference: (reference, ctx) => ctx.loaders.trainerById.load(reference.id),
      userId: (trainer, _, ctx) => (managesTrainer(ctx, trainer) ? trainer.userId : null),
      verifiedAt: (trainer) => trainer.verifiedAt,
      location: (trainer, _, ctx) => (trainer.locationId ? ctx.loaders.placeById.load(trainer.locationId) : null),
      services: async (trainer, _, ctx) => {
        const all = await ctx.loaders.servicesByTrainerId.load(trainer.id);
        return managesTrainer(ctx, trainer) ? all : all.filter((service) => service.isActive);
      },
      certifications: (trainer, _, ctx) => ctx.loaders.certificationsByTrainerId.load(trainer.id),
      availability: (trainer, _, ctx) => ctx.loaders.availabilityByTrainerId.load(trainer.id),
    },
    Place: {
      address: (place, _, ctx) => (seesPlacePrivately(ctx, place) ? place.address : null),
      userId: (place, _, ctx) => (seesPlacePrivately(ctx, place) ? place.userId : null),
    },
    TrainerService: {
      trainer: (service, _, ctx) => loadOrNotFound(ctx.loaders.trainerById, service.trainerId, 'Trainer'),
    },
    TrainerCertification: {
      verified: (certification) => certification.verifiedAt !== null,
    },
    TrainerAvailability: {
      startTime: (window) => rules.hhmm(window.startTime),
      endTime: (window) => rules.hhmm(window.endTime),
    },
  } satisfies Resolvers,
};
