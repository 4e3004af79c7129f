import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/modules/*/tables.ts', './src/outbox.ts', './src/audit.ts', './src/notifications.ts'],
  out: './drizzle',
  schemaFilter: ['healthcare'],
  migrations: { schema: 'healthcare', table: '__drizzle_migrations' },
});
