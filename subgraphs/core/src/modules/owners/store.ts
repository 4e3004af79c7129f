import { eq, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { owners, type OwnerRow } from './tables';

export async function insertOwner(db: Db, values: typeof owners.$inferInsert): Promise<OwnerRow> {
  const [row] = await db.insert(owners).values(values).returning();
  return row!;
}

/** Every update bumps the version its event will carry. */
export async function updateOwner(db: Db, id: string, changes: Partial<typeof owners.$inferInsert>): Promise<OwnerRow> {
  const [row] = await db
    .update(owners)
    .set({ ...changes, version: sql`${owners.version} + 1` })
    .where(eq(owners.id, id))
    .returning();
  return row!;
}
