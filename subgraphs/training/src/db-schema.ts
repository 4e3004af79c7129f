import { pgSchema } from 'drizzle-orm/pg-core';

/** Every training table, enum and the migrations table live in the `training` PostgreSQL schema. */
export const trainingSchema = pgSchema('training');
