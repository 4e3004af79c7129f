import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/modules/*/tables.ts', './src/outbox.ts', './src/audit.ts'],
  out: './drizzle',
  schemaFilter: ['core'],
  migrations: { schema: 'core', table: '__drizzle_migrations' },
});
