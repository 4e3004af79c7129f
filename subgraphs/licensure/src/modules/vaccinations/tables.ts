import { timestamps } from '@psa/db';
import { date, index, text, uuid } from 'drizzle-orm/pg-core';
import { licensureSchema } from '../../db-schema';
import { petRegistry } from '../registry/tables';

export const vaccineType = licensureSchema.enum('vaccine_type', ['CORE', 'NON_CORE', 'LIFESTYLE']);

export const vaccinations = licensureSchema.table(
  'vaccinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petId: uuid('pet_id').notNull(),
    registryId: uuid('registry_id')
      .notNull()
      .references(() => petRegistry.id),
    vaccineName: text('vaccine_name').notNull(),
    vaccineType: vaccineType('vaccine_type').notNull(),
    administeredDate: date('administered_date', { mode: 'string' }).notNull(),
    nextDueDate: date('next_due_date', { mode: 'string' }),
    administeredBy: text('administered_by').notNull(),
    clinicName: text('clinic_name'),
    manufacturer: text('manufacturer'),
    lotNumber: text('lot_number'),
    expirationDate: date('expiration_date', { mode: 'string' }),
    certificateUrl: text('certificate_url'),
    blockchainTxHash: text('blockchain_tx_hash'),
    ...timestamps(),
  },
  (t) => [index('vaccinations_pet_id_idx').on(t.petId), index('vaccinations_next_due_date_idx').on(t.nextDueDate)],
);

export type VaccinationRow = typeof vaccinations.$inferSelect;
