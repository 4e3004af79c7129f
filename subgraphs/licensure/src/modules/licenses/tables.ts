import { timestamps } from '@psa/db';
import { boolean, char, date, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { licensureSchema } from '../../db-schema';
import { petRegistry } from '../registry/tables';

export const jurisdictionType = licensureSchema.enum('jurisdiction_type', ['CITY', 'COUNTY', 'STATE']);
export const licenseStatus = licensureSchema.enum('license_status', ['ACTIVE', 'EXPIRED', 'PENDING', 'REVOKED']);

export const municipalLicenses = licensureSchema.table(
  'municipal_licenses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petId: uuid('pet_id').notNull(),
    registryId: uuid('registry_id')
      .notNull()
      .references(() => petRegistry.id),
    licenseNumber: text('license_number').notNull(),
    jurisdictionType: jurisdictionType('jurisdiction_type').notNull(),
    jurisdictionName: text('jurisdiction_name').notNull(),
    jurisdictionCode: text('jurisdiction_code').notNull(),
    issuedDate: date('issued_date', { mode: 'string' }).notNull(),
    expiresDate: date('expires_date', { mode: 'string' }).notNull(),
    /** Money is integer cents plus an ISO 4217 currency. */
    feeCents: integer('fee_cents').notNull(),
    feeCurrency: char('fee_currency', { length: 3 }).notNull().default('USD'),
    paid: boolean('paid').notNull().default(false),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    transactionId: text('transaction_id'),
    status: licenseStatus('status').notNull().default('ACTIVE'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('municipal_licenses_license_number_idx').on(t.licenseNumber),
    index('municipal_licenses_pet_id_idx').on(t.petId),
    index('municipal_licenses_jurisdiction_code_idx').on(t.jurisdictionCode),
  ],
);

export type MunicipalLicenseRow = typeof municipalLicenses.$inferSelect;
