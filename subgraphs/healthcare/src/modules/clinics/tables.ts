import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, numeric, serial, smallint, text, time, timestamp, uniqueIndex, uuid, varchar, check } from 'drizzle-orm/pg-core';
import { healthcareSchema } from '../../db-schema';

/** PostgreSQL's full-text document type (drizzle has no built-in for it). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * FindMyVet's global service catalog (system-defined; its seven seed rows are inserted by the migration). Clinics
 * offer services through clinic_services.
 */
export const services = healthcareSchema.table('services', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 100 }).notNull().unique(),
  slug: varchar('slug', { length: 100 }).notNull().unique(),
  description: text('description'),
  defaultDurationMin: integer('default_duration_min').notNull().default(30),
  isEmergency: boolean('is_emergency').notNull().default(false),
  supportsHomeVisit: boolean('supports_home_visit').notNull().default(false),
  isActive: boolean('is_active').notNull().default(true),
});

/** A veterinary clinic or practice, with what search filters on: location, timezone, emergencies, home visits. */
export const clinics = healthcareSchema.table(
  'clinics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: varchar('name', { length: 200 }).notNull(),
    slug: varchar('slug', { length: 200 }).notNull().unique(),
    description: text('description'),
    phone: varchar('phone', { length: 20 }).notNull(),
    email: varchar('email', { length: 255 }),
    websiteUrl: text('website_url'),
    logoUrl: text('logo_url'),
    addressLine1: varchar('address_line1', { length: 255 }).notNull(),
    addressLine2: varchar('address_line2', { length: 255 }),
    city: varchar('city', { length: 100 }).notNull(),
    state: varchar('state', { length: 50 }).notNull(),
    postalCode: varchar('postal_code', { length: 20 }).notNull(),
    country: varchar('country', { length: 50 }).notNull().default('US'),
    latitude: numeric('latitude', { precision: 10, scale: 7, mode: 'number' }).notNull(),
    longitude: numeric('longitude', { precision: 10, scale: 7, mode: 'number' }).notNull(),
    timezone: varchar('timezone', { length: 50 }).notNull(),
    cancellationPolicy: text('cancellation_policy'),
    parkingNotes: text('parking_notes'),
    acceptsEmergency: boolean('accepts_emergency').notNull().default(false),
    homeVisitEnabled: boolean('home_visit_enabled').notNull().default(false),
    homeVisitRadiusKm: numeric('home_visit_radius_km', { precision: 5, scale: 2, mode: 'number' }),
    isActive: boolean('is_active').notNull().default(true),
    /** Name and description as a full-text document, kept by PostgreSQL itself (the post-MVP full-text search). */
    searchDocument: tsvector('search_document').generatedAlwaysAs(sql`to_tsvector('english', coalesce(name, '') || ' ' || coalesce(description, ''))`),
    ...timestamps(),
  },
  (t) => [
    index('idx_clinics_slug').on(t.slug),
    // Radius search reads a latitude band of this index (a bounding box), then the exact distance.
    index('idx_clinics_geo').on(t.latitude, t.longitude),
    index('idx_clinics_city_state').on(t.city, t.state),
    index('idx_clinics_postal').on(t.postalCode),
    index('idx_clinics_search').using('gin', t.searchDocument),
    check('clinics_latitude_range', sql`${t.latitude} between -90 and 90`),
    check('clinics_longitude_range', sql`${t.longitude} between -180 and 180`),
  ],
);

/** Operating hours per day of week (0 = Sunday), in the clinic's own timezone. */
export const clinicHours = healthcareSchema.table(
  'clinic_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    dayOfWeek: smallint('day_of_week').notNull(),
    openTime: time('open_time').notNull(),
    closeTime: time('close_time').notNull(),
    isClosed: boolean('is_closed').notNull().default(false),
  },
  (t) => [uniqueIndex('clinic_hours_clinic_day_key').on(t.clinicId, t.dayOfWeek), check('clinic_hours_day_range', sql`${t.dayOfWeek} between 0 and 6`)],
);

/** A veterinarian's profile; `user_id` is the subject of the vet's sign-in token (people are core's and the identity provider's). */
export const vets = healthcareSchema.table('vets', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: text('user_id').notNull().unique(),
  /** Their name as clients see it on a booking (healthcare keeps no other personal data of staff). */
  displayName: varchar('display_name', { length: 200 }).notNull(),
  licenseNumber: varchar('license_number', { length: 100 }),
  licenseState: varchar('license_state', { length: 50 }),
  specialty: varchar('specialty', { length: 100 }),
  yearsExperience: integer('years_experience'),
  bio: text('bio'),
  photoUrl: text('photo_url'),
  isVerified: boolean('is_verified').notNull().default(false),
  ...timestamps(),
});

export const staffRole = healthcareSchema.enum('clinic_staff_role', ['VET', 'ADMIN', 'RECEPTIONIST']);

/** Who works at a clinic, and as what: the clinic-scoped roles every clinic rule reads. */
export const clinicStaff = healthcareSchema.table(
  'clinic_staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    vetId: uuid('vet_id').references(() => vets.id),
    userId: text('user_id').notNull(),
    role: staffRole('role').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    index('idx_clinic_staff_clinic').on(t.clinicId),
    index('idx_clinic_staff_vet').on(t.vetId),
    index('clinic_staff_user_idx').on(t.userId),
    uniqueIndex('clinic_staff_clinic_user_key').on(t.clinicId, t.userId),
    check('clinic_staff_vet_has_profile', sql`(${t.role} = 'VET') = (${t.vetId} is not null)`),
  ],
);

/** A service a clinic offers: its own duration, "starting at" price, and the species it accepts (null: every species). */
export const clinicServices = healthcareSchema.table(
  'clinic_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    durationMin: integer('duration_min').notNull(),
    priceCents: integer('price_cents'),
    acceptedSpecies: text('accepted_species').array(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('clinic_services_clinic_service_key').on(t.clinicId, t.serviceId),
    index('clinic_services_service_idx').on(t.serviceId),
    check('clinic_services_duration_positive', sql`${t.durationMin} > 0`),
    check('clinic_services_price_non_negative', sql`${t.priceCents} >= 0`),
  ],
);

export const emergencyFlagType = healthcareSchema.enum('emergency_flag_type', ['ACCEPTING_EMERGENCY', 'AT_CAPACITY', 'CLOSED_EMERGENCY']);

/** A clinic's real-time emergency status; a flag past `expires_at` no longer counts (searches read only live ones). */
export const emergencyFlags = healthcareSchema.table(
  'emergency_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    flagType: emergencyFlagType('flag_type').notNull(),
    message: text('message'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('idx_emergency_flags_clinic_active').on(t.clinicId, t.isActive)],
);

export type ClinicRow = typeof clinics.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type VetRow = typeof vets.$inferSelect;
export type ClinicHoursRow = typeof clinicHours.$inferSelect;
export type ClinicStaffMemberRow = typeof clinicStaff.$inferSelect;
/** A clinic's offer of a service, served with its catalog entry. */
export interface ClinicServiceRow {
  offer: typeof clinicServices.$inferSelect;
  service: ServiceRow;
}
/** One search result. */
export interface ClinicMatchRow {
  clinic: ClinicRow;
  distanceKm: number | null;
}
export type EmergencyFlagRow = typeof emergencyFlags.$inferSelect;
