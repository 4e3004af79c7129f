import { pgSchema } from 'drizzle-orm/pg-core';

/** Every licensure table, enum and the migrations table live in the `licensure` PostgreSQL schema. */
export const licensureSchema = pgSchema('licensure');
