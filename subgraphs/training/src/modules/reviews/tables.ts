import { sql } from 'drizzle-orm';
import { check, index, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { trainingSchema } from '../../db-schema';
import { bookings } from '../bookings/tables';
import { trainers } from '../trainers/tables';

export const trainerReviewStatus = trainingSchema.enum('trainer_review_status', ['PUBLISHED', 'HIDDEN']);

/**
 * One review per completed booking, by its owner (core's owner id), rated 1..5. Writing, hiding or showing one
 * updates the trainer's average_rating and total_reviews in the same transaction, from the published reviews.
 */
export const trainerReviews = trainingSchema.table(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    trainerId: uuid('trainer_id')
      .notNull()
      .references(() => trainers.id),
    ownerId: uuid('owner_id').notNull(),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    status: trainerReviewStatus('status').notNull().default('PUBLISHED'),
    moderatedBy: text('moderated_by'),
    /** Why support or an admin last hid or showed it. */
    moderationReason: text('moderation_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reviews_booking_id_idx').on(t.bookingId),
    index('reviews_trainer_id_idx').on(t.trainerId),
    index('reviews_owner_id_idx').on(t.ownerId),
    check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
  ],
);

export type TrainerReviewRow = typeof trainerReviews.$inferSelect;
