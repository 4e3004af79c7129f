import { timestamps } from '@psa/db';
import { boolean, char, index, text, uuid } from 'drizzle-orm/pg-core';
import { healthcareSchema } from '../../db-schema';

/**
 * How closely a vet works with the insurer: PREFERRED vets have negotiated fees and take direct billing by default,
 * STANDARD vets are in the network at list fees, LIMITED ones only for some services (see `specialties`).
 */
export const vetNetworkTier = healthcareSchema.enum('vet_network_tier', ['PREFERRED', 'STANDARD', 'LIMITED']);

/**
 * A veterinarian or practice in the healthcare network: where insured owners are sent, who may bill the insurer
 * directly, and who runs telemedicine consultations. Public reference data: no owner's data here.
 */
export const vetNetworkProviders = healthcareSchema.table(
  'vet_network_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The clinic the provider practises at, when the alliance has it on record (a clinic id; no foreign key). */
    clinicId: uuid('clinic_id'),
    networkTier: vetNetworkTier('network_tier').notNull(),
    /** Bills the insurer for an approved claim, so the owner pays only their share at the desk. */
    acceptsDirectBilling: boolean('accepts_direct_billing').notNull().default(false),
    /** Inactive providers are kept for the claims and consultations that name them, but are not listed or booked. */
    active: boolean('active').notNull().default(true),
    specialties: text('specialties').array().notNull().default([]),
    email: text('email'),
    phone: text('phone'),
    website: text('website'),
    addressLine1: text('address_line1'),
    city: text('city'),
    region: text('region'),
    postalCode: text('postal_code'),
    /** ISO 3166-1 alpha-2. */
    country: char('country', { length: 2 }),
    ...timestamps(),
  },
  (t) => [index('vet_network_providers_clinic_id_idx').on(t.clinicId), index('vet_network_providers_active_tier_idx').on(t.active, t.networkTier)],
);

export type VetNetworkProviderRow = typeof vetNetworkProviders.$inferSelect;
