import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { integer, text, timestamp, index, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { licensureSchema } from '../../db-schema';

// Licensure's own copies of core's enums: a division never uses another subgraph's types in its tables.
export const petStatus = licensureSchema.enum('pet_status', ['ACTIVE', 'LOST', 'FOUND', 'DECEASED', 'TRANSFERRED']);
export const membershipTier = licensureSchema.enum('membership_tier', ['FREE', 'BASIC', 'PLUS', 'PREMIUM', 'FAMILY']);

export const registryNumberSeq = licensureSchema.sequence('registry_number_seq', { startWith: 1 });

export const petRegistry = licensureSchema.table(
  'pet_registry',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petId: uuid('pet_id').notNull(),
    // PSA-00000001, PSA-00000002, ...: sequential, so unique without retries.
    registryNumber: text('registry_number')
      .notNull()
      .default(sql`'PSA-' || lpad(nextval('licensure.registry_number_seq')::text, 8, '0')`),
    blockchainTxHash: text('blockchain_tx_hash'),
    microchipNumber: text('microchip_number'),
    tattooId: text('tattoo_id'),
    dnaProfileId: text('dna_profile_id'),
    status: petStatus('status').notNull().default('ACTIVE'),
    statusUpdatedAt: timestamp('status_updated_at', { withTimezone: true }).notNull().defaultNow(),
    membershipTier: membershipTier('membership_tier').notNull().default('FREE'),
    membershipExpiresAt: timestamp('membership_expires_at', { withTimezone: true }),
    /** Grows each time what licensure publishes of this entry changes (its number, the licence in force). */
    version: integer('version').notNull().default(1),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('pet_registry_pet_id_idx').on(t.petId),
    uniqueIndex('pet_registry_registry_number_idx').on(t.registryNumber),
    index('pet_registry_microchip_number_idx').on(t.microchipNumber),
  ],
);

export type PetRegistryRow = typeof petRegistry.$inferSelect;
