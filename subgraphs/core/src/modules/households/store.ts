import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { pets, type PetRow } from '../pets/tables';
import { householdMembers, households, type HouseholdMemberRow, type HouseholdRow } from './tables';

/** The household and its PRIMARY member; the caller's transaction holds them together. */
export async function insertHousehold(db: Db, name: string, primaryOwnerId: string): Promise<HouseholdRow> {
  const [household] = await db.insert(households).values({ name, primaryOwnerId }).returning();
  await db.insert(householdMembers).values({ householdId: household!.id, ownerId: primaryOwnerId, role: 'PRIMARY' });
  return household!;
}

/** Membership is part of the household's state: every member change bumps the household's version. */
export async function bumpHousehold(db: Db, id: string): Promise<{ household: HouseholdRow; members: HouseholdMemberRow[] }> {
  const [household] = await db
    .update(households)
    .set({ version: sql`${households.version} + 1`, updatedAt: new Date() })
    .where(eq(households.id, id))
    .returning();
  return { household: household!, members: await membersOf(db, id) };
}

export function membersOf(db: Db, householdId: string): Promise<HouseholdMemberRow[]> {
  return db.select().from(householdMembers).where(eq(householdMembers.householdId, householdId)).orderBy(asc(householdMembers.createdAt));
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

/** Removes the member; the pets they own leave the household with them. Returns those pets, or null if no such member. */
export async function deleteMember(db: Db, householdId: string, ownerId: string): Promise<PetRow[] | null> {
  const removed = await db
    .delete(householdMembers)
    .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.ownerId, ownerId)))
    .returning({ id: householdMembers.id });
  if (removed.length === 0) return null;
  return db
    .update(pets)
    .set({ householdId: null, version: sql`${pets.version} + 1` })
    .where(and(eq(pets.householdId, householdId), eq(pets.ownerId, ownerId)))
    .returning();
}
