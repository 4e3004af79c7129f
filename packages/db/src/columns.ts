import { timestamp } from 'drizzle-orm/pg-core';

/** created_at and updated_at as every table of the project has them: instants, set by the database and on update. */
export function timestamps() {
  return {
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  };
}
