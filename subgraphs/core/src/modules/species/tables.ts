import { boolean, index, integer, serial, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { coreSchema } from '../../db-schema';
import { petSpecies } from '../pets/tables';

/** Reference data: the species and breeds a pet can be recorded with. Seeded by a migration. */
export const species = coreSchema.table(
  'species',
  {
    id: serial('id').primaryKey(),
    /** The same word as Pet.species, so clients match a pet to its species without a table of their own. */
    code: petSpecies('code').notNull(),
    name: varchar('name', { length: 50 }).notNull().unique('species_name_unique'),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [uniqueIndex('species_code_idx').on(t.code)],
);

export const breeds = coreSchema.table(
  'breeds',
  {
    id: serial('id').primaryKey(),
    speciesId: integer('species_id')
      .notNull()
      .references(() => species.id),
    name: varchar('name', { length: 100 }).notNull(),
  },
  (t) => [index('breeds_species_id_idx').on(t.speciesId)],
);

export type SpeciesRow = typeof species.$inferSelect;
export type BreedRow = typeof breeds.$inferSelect;
