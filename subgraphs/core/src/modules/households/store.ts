import { and, eq } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { pets } from '../pets/tables';
import { householdMembers, households, type HouseholdMemberRow, type HouseholdRow } from './tables';

/** The household and its PRIMARY member, written together. */
export async function insertHousehold(db: Db, name: string, primaryOwnerId: string): Promise<HouseholdRow> {
  return db.transaction(async (tx) => {
    const [household] = await tx.insert(households).values({ name, primaryOwnerId }).returning();
    await tx.insert(householdMembers).values({ householdId: household!.id, ownerId: primaryOwnerId, role: 'PRIMARY' });
    return household!;
  });
}

export async function insertMember(db: Db, values: typeof householdMembers.$inferInsert): Promise<HouseholdMemberRow> {
  const [row] = await db.insert(householdMembers).values(values).returning();
  return row!;
}

export async function setMemberRole(db: Db, householdId: string, ownerId: string, role: HouseholdMemberRow['role']) {
  const [row] = await db
    .update(householdMembers)
    .set({ role })
    .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.ownerId, ownerId)))
    .returning();
  return row ?? null;
}

/** Removes the member; the pets they own leave the household with them. */
export async function deleteMember(db: Db, householdId: string, ownerId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(householdMembers)
      .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.ownerId, ownerId)))
      .returning({ id: householdMembers.id });
    if (removed.length === 0) return false;
    await tx.update(pets).set({ householdId: null }).where(and(eq(pets.householdId, householdId), eq(pets.ownerId, ownerId)));
    return true;
  });
}
