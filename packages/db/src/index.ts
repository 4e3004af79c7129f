export { type Db, type Database, type OpenOptions, openPostgres, rowsOf } from './postgres';
export { openEmbeddedPostgres, openMemoryPostgres, onEmbedded, type EmbeddedPostgres } from './embedded';
export { timestamps } from './columns';
export { migrateSchema, type MigrateOptions } from './migrate';
export { isUniqueViolation, isInvalidValue } from './errors';
export { isUuid } from './ids';
