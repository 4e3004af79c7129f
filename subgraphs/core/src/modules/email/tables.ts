import { bigserial, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../../db-schema';
import { owners } from '../owners/tables';

/** The code last sent to prove an owner reads an address; one per owner, replaced by the next request. */
export const emailVerifications = coreSchema.table('email_verifications', {
  ownerId: uuid('owner_id')
    .primaryKey()
    .references(() => owners.id, { onDelete: 'cascade' }),
  /** The address the code was sent to: verifying proves this one, even if the profile changed since. */
  email: text('email').notNull(),
  /** SHA-256 of the owner id and the code: a leaked table gives no codes. */
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Mail core has to send, written in the transaction that decides it. A mail sender drains it (sent_at); there
 * is none in this repository yet, so development and tests read the codes here.
 */
export const outgoingMail = coreSchema.table(
  'outgoing_mail',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outgoing_mail_recipient_idx').on(t.recipient)],
);
