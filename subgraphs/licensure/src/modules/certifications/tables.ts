import { timestamps } from '@psa/db';
import { boolean, date, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { licensureSchema } from '../../db-schema';
import { petRegistry } from '../registry/tables';

export const certificationType = licensureSchema.enum('certification_type', [
  'SERVICE_DOG',
  'ESA',
  'THERAPY_DOG',
  'GOOD_CITIZEN',
  'TRAINING_SPECIALTY',
  'HEALTH_CLEARANCE',
  'COMPETITION_TITLE',
]);

export const certifications = licensureSchema.table(
  'certifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petId: uuid('pet_id').notNull(),
    registryId: uuid('registry_id')
      .notNull()
      .references(() => petRegistry.id),
    type: certificationType('type').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    issuedBy: text('issued_by').notNull(),
    issuingOrganization: text('issuing_organization'),
    certificationNumber: text('certification_number'),
    issuedDate: date('issued_date', { mode: 'string' }).notNull(),
    expiresDate: date('expires_date', { mode: 'string' }),
    renewalRequired: boolean('renewal_required').notNull().default(false),
    documentUrls: text('document_urls').array().notNull().default([]),
    badgeUrl: text('badge_url'),
    verified: boolean('verified').notNull().default(false),
    verifiedBy: text('verified_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [index('certifications_pet_id_idx').on(t.petId), index('certifications_type_idx').on(t.type)],
);

export type CertificationRow = typeof certifications.$inferSelect;
