import { timestamps } from '@psa/db';
import { integer, boolean, date, doublePrecision, index, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../../db-schema';
import { owners } from '../owners/tables';
import { households } from '../households/tables';

export const petSpecies = coreSchema.enum('pet_species', ['DOG', 'CAT', 'BIRD', 'RABBIT', 'OTHER']);
export const petSex = coreSchema.enum('pet_sex', ['MALE', 'FEMALE', 'NEUTERED', 'SPAYED']);
/** A dog's size class (the training seed's `dogs.size`); any pet may have one. */
export const petSize = coreSchema.enum('pet_size', ['TOY', 'SMALL', 'MEDIUM', 'LARGE', 'GIANT']);
export const petStatus = coreSchema.enum('pet_status', ['ACTIVE', 'LOST', 'FOUND', 'DECEASED', 'TRANSFERRED']);

export interface EmergencyContact {
  name: string;
  phone: string;
  relationship?: string | null;
}

export const pets = coreSchema.table(
  'pets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    species: petSpecies('species').notNull(),
    breed: text('breed').array().notNull().default([]),
    mixBreed: boolean('mix_breed').notNull().default(false),
    sex: petSex('sex').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    approximateAge: boolean('approximate_age').notNull().default(false),
    /** pounds */
    weight: doublePrecision('weight').notNull(),
    /** inches */
    height: doublePrecision('height'),
    color: text('color').array().notNull().default([]),
    markings: text('markings'),
    size: petSize('size'),
    /** The owner's care notes for whoever looks after the pet (a trainer, a groomer): temperament, triggers. */
    notes: text('notes'),
    photos: text('photos').array().notNull().default([]),
    microchipNumber: text('microchip_number'),
    tattooId: text('tattoo_id'),
    registryNumber: text('registry_number'),
    blockchainId: text('blockchain_id'),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => owners.id),
    householdId: uuid('household_id').references(() => households.id, { onDelete: 'set null' }),
    status: petStatus('status').notNull().default('ACTIVE'),
    statusUpdatedAt: timestamp('status_updated_at', { withTimezone: true }).notNull().defaultNow(),
    emergencyContacts: jsonb('emergency_contacts').$type<EmergencyContact[]>().notNull().default([]),
    licenseId: text('license_id'),
    insurancePolicyId: text('insurance_policy_id'),
    dnaProfileId: text('dna_profile_id'),
    /** Increases with every change; events carry it so divisions apply changes in order, once. */
    version: integer('version').notNull().default(1),
    /** The version of licensure's registry entry that registryNumber and licenseId come from. */
    registryVersion: integer('registry_version').notNull().default(0),
    /** Its owner asked for erasure: gone from every query, as the owner is. */
    erasureRequestedAt: timestamp('erasure_requested_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    index('pets_owner_id_idx').on(t.ownerId),
    index('pets_household_id_idx').on(t.householdId),
    index('pets_status_idx').on(t.status),
    // The source's unique columns that it also indexes get one unique index each, not a unique plus an index.
    uniqueIndex('pets_microchip_number_idx').on(t.microchipNumber),
    uniqueIndex('pets_registry_number_idx').on(t.registryNumber),
    uniqueIndex('pets_blockchain_id_idx').on(t.blockchainId),
    uniqueIndex('pets_license_id_idx').on(t.licenseId),
    uniqueIndex('pets_insurance_policy_id_idx').on(t.insurancePolicyId),
    uniqueIndex('pets_dna_profile_id_idx').on(t.dnaProfileId),
  ],
);

export type PetRow = typeof pets.$inferSelect;
