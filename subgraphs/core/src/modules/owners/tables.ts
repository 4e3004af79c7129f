import { timestamps } from '@psa/db';
import { sql } from 'drizzle-orm';
import { integer, boolean, index, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../../db-schema';

export const membershipTier = coreSchema.enum('membership_tier', ['FREE', 'BASIC', 'PLUS', 'PREMIUM', 'FAMILY']);

/** Which divisions an owner lets hold their personal data, by division name. */
export type DivisionDataSharing = Record<string, boolean>;

export const owners = coreSchema.table(
  'owners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clerkId: text('clerk_id').notNull(),
    /** Anyone may type any address; it is theirs only once they prove they read its mail (emailVerifiedAt). */
    email: text('email').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    phone: text('phone'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    middleName: text('middle_name'),
    street1: text('street1'),
    street2: text('street2'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    country: text('country').notNull().default('USA'),
    membershipLevel: membershipTier('membership_level').notNull().default('FREE'),
    membershipStartDate: timestamp('membership_start_date', { withTimezone: true }).notNull().defaultNow(),
    membershipExpiresAt: timestamp('membership_expires_at', { withTimezone: true }),
    emailNotifications: boolean('email_notifications').notNull().default(true),
    smsNotifications: boolean('sms_notifications').notNull().default(false),
    pushNotifications: boolean('push_notifications').notNull().default(true),
    newsletterOptIn: boolean('newsletter_opt_in').notNull().default(true),
    dataSharing: jsonb('data_sharing').$type<DivisionDataSharing>().notNull().default({}),
    /** Increases with every change; events carry it so divisions apply changes in order, once. */
    version: integer('version').notNull().default(1),
    /** Erasure asked for: the owner and their pets are gone from every query; purged once the grace period ends. */
    erasureRequestedAt: timestamp('erasure_requested_at', { withTimezone: true }),
    /** When the purge notice went to every subgraph (core's own purge follows it). */
    erasureIssuedAt: timestamp('erasure_issued_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('owners_clerk_id_idx').on(t.clerkId),
    index('owners_erasure_due_idx')
      .on(t.erasureRequestedAt)
      .where(sql`${t.erasureRequestedAt} is not null and ${t.erasureIssuedAt} is null`),
    // One profile per verified address; unverified claims never block anyone, so no answer reveals an account.
    uniqueIndex('owners_email_idx')
      .on(t.email)
      .where(sql`${t.emailVerifiedAt} is not null`),
    index('owners_membership_level_idx').on(t.membershipLevel),
  ],
);

export type OwnerRow = typeof owners.$inferSelect;
