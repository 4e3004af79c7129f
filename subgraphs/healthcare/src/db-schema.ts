import { pgSchema } from 'drizzle-orm/pg-core';

/** Every healthcare table, enum and the migrations table live in the `healthcare` PostgreSQL schema. */
export const healthcareSchema = pgSchema('healthcare');
