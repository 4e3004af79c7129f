import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { boolean, check, index, smallint, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { healthcareSchema } from '../../db-schema';
import { appointments } from '../booking/tables';
import { clinics, vets } from '../clinics/tables';

/**
 * One review per completed appointment, by its owner (`reviewer_id`: core's owner id). Ratings are never stored
 * beside the clinic: they are read from the published reviews, so they cannot drift from them.
 */
export const reviews = healthcareSchema.table(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .unique()
      .references(() => appointments.id),
    reviewerId: uuid('reviewer_id').notNull(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    vetId: uuid('vet_id').references(() => vets.id),
    rating: smallint('rating').notNull(),
    title: varchar('title', { length: 200 }),
    body: text('body'),
    isPublished: boolean('is_published').notNull().default(true),
    /** Why moderation hid it (and who): kept with the review. */
    moderatedBy: text('moderated_by'),
    moderationReason: text('moderation_reason'),
    clinicResponse: text('clinic_response'),
    clinicRespondedAt: timestamp('clinic_responded_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('idx_reviews_clinic').on(t.clinicId),
    index('idx_reviews_vet').on(t.vetId),
    index('idx_reviews_rating').on(t.rating),
    index('reviews_reviewer_idx').on(t.reviewerId),
    check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
  ],
);

export type ReviewRow = typeof reviews.$inferSelect;
