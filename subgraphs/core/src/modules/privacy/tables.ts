import { index, integer, jsonb, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../../db-schema';

/** An owner's data export: requested here, answered by every subgraph in parts, complete when all have answered. */
export const dataExports = coreSchema.table(
  'data_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id').notNull(),
    /** Who asked: the owner, or an admin on their behalf. */
    requestedBy: text('requested_by').notNull(),
    /** The subgraphs that must answer: those of the supergraph when it was requested. */
    awaiting: text('awaiting').array().notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('data_exports_owner_id_idx').on(t.ownerId)],
);

/** One part of one subgraph's answer, kept once however often it arrives: the rows it holds of the owner, by table. */
export const dataExportParts = coreSchema.table(
  'data_export_parts',
  {
    exportId: uuid('export_id')
      .notNull()
      .references(() => dataExports.id, { onDelete: 'cascade' }),
    subgraph: text('subgraph').notNull(),
    part: integer('part').notNull(),
    parts: integer('parts').notNull(),
    tables: jsonb('tables').$type<Record<string, Record<string, unknown>[]>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.exportId, t.subgraph, t.part] })],
);

export type DataExportRow = typeof dataExports.$inferSelect;
