import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@psa/db';
import { dataExportPartTopic, PRIVACY_SUBGRAPHS, type DataExportPartEnvelope, type Projection } from '@psa/events';
import { dataExportParts, dataExports, type DataExportRow } from './tables';

/** Keeps every part once; an export is complete when every subgraph it awaits has sent all its parts. */
async function storeParts(tx: Db, events: DataExportPartEnvelope[]): Promise<void> {
  const ids = [...new Set(events.map((e) => e.payload.exportId))];
  const known = new Set((await tx.select({ id: dataExports.id }).from(dataExports).where(inArray(dataExports.id, ids))).map((r) => r.id));
  // A part of an export core no longer has (erased with its owner) is dropped: there is nothing to add it to.
  const rows = events
    .filter((e) => known.has(e.payload.exportId))
    .map(({ payload: { exportId, subgraph, part, parts, tables } }) => ({ exportId, subgraph, part, parts, tables }));
  if (rows.length === 0) return;
  await tx.insert(dataExportParts).values(rows).onConflictDoNothing();
  // Complete when no awaited subgraph lacks a part: each has as many parts as it said it would send.
  const everyAnswer = sql`not exists (select 1 from unnest(${dataExports.awaiting}) as a(subgraph) where not coalesce(
    (select count(*) = max(p.parts) from core.data_export_parts p where p.export_id = ${dataExports.id} and p.subgraph = a.subgraph), false))`;
  await tx
    .update(dataExports)
    .set({ completedAt: new Date() })
    .where(and(inArray(dataExports.id, [...known]), isNull(dataExports.completedAt), everyAnswer));
}

/** One projection per subgraph's part topic: core reads every subgraph's answers, its own included. */
export const dataExportPartProjections: Projection[] = PRIVACY_SUBGRAPHS.map((subgraph) => {
  const projection: Projection<ReturnType<typeof dataExportPartTopic<typeof subgraph>>> = {
    topic: dataExportPartTopic(subgraph),
    apply: (tx, events) => storeParts(tx, events),
  };
  return projection as Projection;
});

/** The awaited subgraphs whose answer is not complete yet. */
export async function waitingFor(db: Db, row: DataExportRow): Promise<string[]> {
  const done = rowsOf<{ subgraph: string }>(
    await db.execute(sql`select subgraph from core.data_export_parts where export_id = ${row.id} group by subgraph having count(*) = max(parts)`),
  );
  const answeredBy = new Set(done.map((r) => r.subgraph));
  return row.awaiting.filter((subgraph) => !answeredBy.has(subgraph));
}

/** The export's document, grouped by subgraph then table; null until every awaited subgraph has answered. */
export async function exportDocument(db: Db, row: DataExportRow): Promise<Record<string, unknown> | null> {
  if (!row.completedAt) return null;
  const parts = await db
    .select()
    .from(dataExportParts)
    .where(eq(dataExportParts.exportId, row.id))
    .orderBy(asc(dataExportParts.subgraph), asc(dataExportParts.part));
  const divisions: Record<string, Record<string, unknown[]>> = {};
  for (const part of parts) {
    const tables = (divisions[part.subgraph] ??= {});
    for (const [table, rows] of Object.entries(part.tables)) (tables[table] ??= []).push(...rows);
  }
  return { exportId: row.id, ownerId: row.ownerId, requestedAt: row.requestedAt.toISOString(), completedAt: row.completedAt.toISOString(), divisions };
}
