import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, smallint, text, time, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { trainingSchema } from '../../db-schema';

/**
 * A place with coordinates: a trainer's base or an owner's address (the seed's `locations`). `user_id` is who it
 * belongs to, as the token names them (its subject), owners and trainers alike.
 */
export const locations = trainingSchema.table(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    address: varchar('address', { length: 255 }).notNull(),
    city: varchar('city', { length: 100 }).notNull(),
    state: varchar('state', { length: 100 }).notNull(),
    zipCode: varchar('zip_code', { length: 20 }).notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    ...timestamps(),
  },
  (t) => [
    index('locations_user_id_idx').on(t.userId),
    // Radius search: a bounding box on this index first, the exact distance after (as healthcare's clinics).
    index('locations_geo_idx').on(t.latitude, t.longitude),
    check('locations_latitude_range', sql`${t.latitude} between -90 and 90`),
    check('locations_longitude_range', sql`${t.longitude} between -180 and 180`),
  ],
);

/**
 * A trainer's profile (the seed's `dog_trainers`; the supergraph's CertifiedTrainer, GraphQL `Trainer`). `user_id`
 * is the token subject of the trainer. `average_rating` and `total_reviews` are kept equal to the published
 * reviews, in the transaction that changes them.
 */
export const trainers = trainingSchema.table(
  'trainers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    displayName: varchar('display_name', { length: 120 }).notNull(),
    yearsOfExperience: integer('years_of_experience').notNull().default(0),
    bio: text('bio'),
    isVerified: boolean('is_verified').notNull().default(false),
    verifiedBy: text('verified_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    averageRating: doublePrecision('average_rating').notNull().default(0),
    totalReviews: integer('total_reviews').notNull().default(0),
    locationId: uuid('location_id').references(() => locations.id),
    /** IANA time zone of the trainer's weekly availability (bookings are instants; windows are local times). */
    timezone: varchar('timezone', { length: 64 }).notNull().default('UTC'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('trainers_user_id_idx').on(t.userId),
    index('trainers_location_id_idx').on(t.locationId),
    check('trainers_experience_range', sql`${t.yearsOfExperience} between 0 and 80`),
    check('trainers_rating_range', sql`${t.averageRating} between 0 and 5`),
    check('trainers_total_reviews', sql`${t.totalReviews} >= 0`),
  ],
);

/** What a trainer sells: a session of `duration_minutes` for `price_cents` (integer cents, as every amount here). */
export const trainerServices = trainingSchema.table(
  'trainer_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trainerId: uuid('trainer_id')
      .notNull()
      .references(() => trainers.id),
    name: varchar('name', { length: 120 }).notNull(),
    description: text('description'),
    durationMinutes: integer('duration_minutes').notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: varchar('currency', { length: 3 }).notNull().default('USD'),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    index('trainer_services_trainer_id_idx').on(t.trainerId),
    index('trainer_services_active_price_idx')
      .on(t.priceCents)
      .where(sql`${t.isActive}`),
    check('trainer_services_duration', sql`${t.durationMinutes} between 15 and 480`),
    check('trainer_services_price', sql`${t.priceCents} >= 0`),
  ],
);

/** A professional certification a trainer holds; admins verify it. */
export const trainerCertifications = trainingSchema.table(
  'trainer_certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trainerId: uuid('trainer_id')
      .notNull()
      .references(() => trainers.id),
    name: varchar('name', { length: 200 }).notNull(),
    issuedBy: varchar('issued_by', { length: 200 }).notNull(),
    issuedAt: date('issued_at', { mode: 'string' }).notNull(),
    verifiedBy: text('verified_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [index('trainer_certifications_trainer_id_idx').on(t.trainerId)],
);

/**
 * A weekly window in which the trainer takes bookings, in the trainer's local time: day 0 is Sunday. Windows of one
 * trainer never overlap (checked under the trainer's row lock when one is added).
 */
export const trainerAvailability = trainingSchema.table(
  'trainer_availability',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trainerId: uuid('trainer_id')
      .notNull()
      .references(() => trainers.id),
    dayOfWeek: smallint('day_of_week').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    ...timestamps(),
  },
  (t) => [
    index('trainer_availability_trainer_day_idx').on(t.trainerId, t.dayOfWeek),
    check('trainer_availability_day', sql`${t.dayOfWeek} between 0 and 6`),
    check('trainer_availability_window', sql`${t.startTime} < ${t.endTime}`),
  ],
);

export type LocationRow = typeof locations.$inferSelect;
export type TrainerRow = typeof trainers.$inferSelect;
export type TrainerServiceRow = typeof trainerServices.$inferSelect;
export type TrainerCertificationRow = typeof trainerCertifications.$inferSelect;
export type TrainerAvailabilityRow = typeof trainerAvailability.$inferSelect;
/** GraphQL's `Place`: a row of `locations`. */
export type PlaceRow = LocationRow;
