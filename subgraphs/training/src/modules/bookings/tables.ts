import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { check, index, integer, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { trainingSchema } from '../../db-schema';
import { trainers, trainerServices } from '../trainers/tables';

/** The seed's booking statuses: PENDING → ACCEPTED → COMPLETED, or CANCELLED from PENDING or ACCEPTED. */
export const bookingStatus = trainingSchema.enum('booking_status', ['PENDING', 'ACCEPTED', 'CANCELLED', 'COMPLETED']);

/**
 * A session booked with a trainer for one of the owner's dogs (core's pet; `owner_id` is core's owner id). The
 * price is the snapshot taken at booking, whatever the service costs later. A trainer never has two ACCEPTED
 * bookings that overlap: accepting one locks the trainer's row and looks for an overlap first.
 */
export const bookings = trainingSchema.table(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trainerId: uuid('trainer_id')
      .notNull()
      .references(() => trainers.id),
    ownerId: uuid('owner_id').notNull(),
    dogId: uuid('dog_id').notNull(),
    /** Optional in the seed: a booking outlives a service the trainer later retires. */
    serviceId: uuid('service_id').references(() => trainerServices.id),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    endTime: timestamp('end_time', { withTimezone: true }).notNull(),
    priceSnapshotCents: integer('price_snapshot_cents').notNull(),
    currency: varchar('currency', { length: 3 }).notNull().default('USD'),
    /** What the owner tells the trainer when booking (the dog's own care notes are core's, on the pet). */
    notes: text('notes'),
    status: bookingStatus('status').notNull().default('PENDING'),
    cancellationReason: text('cancellation_reason'),
    cancelledBy: text('cancelled_by'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('bookings_trainer_time_idx').on(t.trainerId, t.startTime),
    index('bookings_owner_id_idx').on(t.ownerId),
    index('bookings_dog_id_idx').on(t.dogId),
    index('bookings_status_idx').on(t.status),
    check('bookings_time_order', sql`${t.startTime} < ${t.endTime}`),
    check('bookings_price', sql`${t.priceSnapshotCents} >= 0`),
    check('bookings_cancellation', sql`(${t.status} = 'CANCELLED') = (${t.cancellationReason} is not null)`),
  ],
);

/** Every status change of a booking: from what, to what, by whom (token subject) and why. */
export const bookingStatusHistory = trainingSchema.table(
  'booking_status_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    fromStatus: bookingStatus('from_status'),
    toStatus: bookingStatus('to_status').notNull(),
    changedBy: text('changed_by'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('booking_status_history_booking_id_idx').on(t.bookingId)],
);

export type TrainingBookingRow = typeof bookings.$inferSelect;
export type BookingStatus = (typeof bookingStatus.enumValues)[number];
export type BookingStatusChangeRow = typeof bookingStatusHistory.$inferSelect;
