import { timestamps } from '@psa/db';
import { boolean, date, index, jsonb, text, uuid } from 'drizzle-orm/pg-core';
import { licensureSchema } from '../../db-schema';
import { petRegistry } from '../registry/tables';

export const healthRecordType = licensureSchema.enum('health_record_type', [
  'VACCINATION',
  'SURGERY',
  'MEDICATION',
  'LAB_RESULT',
  'DIAGNOSIS',
  'TREATMENT',
  'EXAM',
]);

export interface Medication {
  name: string;
  dosage?: string | null;
  frequency?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}

export const healthRecords = licensureSchema.table(
  'health_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petId: uuid('pet_id').notNull(),
    registryId: uuid('registry_id')
      .notNull()
      .references(() => petRegistry.id),
    recordType: healthRecordType('record_type').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    date: date('date', { mode: 'string' }).notNull(),
    veterinarianId: text('veterinarian_id'),
    clinicName: text('clinic_name'),
    medications: jsonb('medications').$type<Medication[]>(),
    allergies: text('allergies').array().notNull().default([]),
    conditions: text('conditions').array().notNull().default([]),
    documentUrls: text('document_urls').array().notNull().default([]),
    blockchainTxHash: text('blockchain_tx_hash'),
    immutable: boolean('immutable').notNull().default(false),
    ...timestamps(),
  },
  (t) => [index('health_records_pet_id_idx').on(t.petId), index('health_records_record_type_idx').on(t.recordType)],
);

export type HealthRecordRow = typeof healthRecords.$inferSelect;
