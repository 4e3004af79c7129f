import { and, eq, isNotNull, sql } from 'drizzle-orm';
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

/** Whether this identity's profile awaits its purge: hidden from every query, but its sign-in id is still taken. */
export async function erasureRequestedFor(db: Db, clerkId: string): Promise<boolean> {
  const rows = await db
    .select({ id: owners.id })
    .from(owners)
    .where(and(eq(owners.clerkId, clerkId), isNotNull(owners.erasureRequestedAt)))
    .limit(1);
  return rows.length > 0;
}
