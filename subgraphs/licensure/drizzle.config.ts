import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/modules/*/tables.ts', './src/outbox.ts', './src/audit.ts'],
  out: './drizzle',
  schemaFilter: ['licensure'],
  migrations: { schema: 'licensure', table: '__drizzle_migrations' },
});
