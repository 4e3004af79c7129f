import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/b2b/tables.ts',
  out: './drizzle',
  schemaFilter: ['gateway'],
  migrations: { schema: 'gateway', table: '__drizzle_migrations' },
});
