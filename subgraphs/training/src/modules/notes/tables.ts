import { timestamps } from '@psa/db';
import { index, text, uuid } from 'drizzle-orm/pg-core';
import { trainingSchema } from '../../db-schema';

/** A note about one of core's pets; the pet is core's, so only its id is kept. */
export const notes = trainingSchema.table(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    petId: uuid('pet_id').notNull(),
    text: text('text').notNull(),
    author: text('author').notNull(),
    ...timestamps(),
  },
  (t) => [index('notes_pet_id_idx').on(t.petId)],
);

/** The row behind GraphQL's TrainingNote (pnpm codegen maps a type to the <Type>Row its module's tables.ts exports). */
export type TrainingNoteRow = typeof notes.$inferSelect;
