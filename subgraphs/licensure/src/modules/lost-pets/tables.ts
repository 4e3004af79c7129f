import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { licensureSchema } from '../../db-schema';
import { petRegistry } from '../registry/tables';

export const lostFoundStatus = licensureSchema.enum('lost_found_status', ['LOST', 'SIGHTING_REPORTED', 'FOUND', 'CLOSED']);

export interface Location {
  address?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  description?: string | null;
}

export const lostPetReports = licensureSchema.table(
  'lost_pet_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petId: uuid('pet_id').notNull(),
    registryId: uuid('registry_id')
      .notNull()
      .references(() => petRegistry.id),
    reportedBy: text('reported_by').notNull(),
    lostDate: timestamp('lost_date', { withTimezone: true }).notNull(),
    lastSeenLocation: jsonb('last_seen_location').$type<Location>().notNull(),
    physicalDescription: text('physical_description').notNull(),
    wearing: text('wearing').array().notNull().default([]),
    behaviorNotes: text('behavior_notes'),
    status: lostFoundStatus('status').notNull().default('LOST'),
    statusUpdatedAt: timestamp('status_updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** miles */
    alertRadius: integer('alert_radius').notNull().default(5),
    alertsSent: integer('alerts_sent').notNull().default(0),
    sightingsReported: integer('sightings_reported').notNull().default(0),
    foundDate: timestamp('found_date', { withTimezone: true }),
    foundBy: text('found_by'),
    foundLocation: jsonb('found_location').$type<Location>(),
    /**
     * True for a report that follows core's status: opened by the projector because core said LOST (or opened by a
     * registrar and then confirmed by core's LOST), so it is open exactly while core says LOST. False for a report a
     * registrar opened on licensure's own knowledge: only markPetFound closes it.
     */
    followsCoreStatus: boolean('follows_core_status').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    index('lost_pet_reports_pet_id_idx').on(t.petId),
    index('lost_pet_reports_status_idx').on(t.status),
    // At most one open report per pet, whoever opens it and however many at once.
    uniqueIndex('lost_pet_reports_one_open_idx')
      .on(t.petId)
      .where(sql`${t.status} in ('LOST', 'SIGHTING_REPORTED')`),
  ],
);

export type LostPetReportRow = typeof lostPetReports.$inferSelect;

/**
 * Someone saw a lost pet. The reporter is kept for staff (and for the rate limit), never shown to the owner or
 * to other finders: a finder who wants to be reached says how in the note.
 */
export const lostPetSightings = licensureSchema.table(
  'lost_pet_sightings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => lostPetReports.id, { onDelete: 'cascade' }),
    reportedBy: text('reported_by').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
    location: jsonb('location').$type<Location>(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('lost_pet_sightings_report_id_created_at_idx').on(t.reportId, t.createdAt)],
);

export type LostPetSightingRow = typeof lostPetSightings.$inferSelect;
/** The row behind GraphQL's Sighting (the name codegen maps it by). */
export type SightingRow = LostPetSightingRow;
