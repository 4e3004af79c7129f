import { pgSchema } from 'drizzle-orm/pg-core';

/** Every core table, enum and the migrations table live in the `core` PostgreSQL schema. */
export const coreSchema = pgSchema('core');
