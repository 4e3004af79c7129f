import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { pets, type PetRow } from './tables';

type PetValues = typeof pets.$inferInsert;

export async function microchipInUse(db: Db, microchipNumber: string, exceptPetId?: string): Promise<boolean> {
  const same = eq(pets.microchipNumber, microchipNumber);
  const rows = await db
    .select({ id: pets.id })
    .from(pets)
    .where(exceptPetId ? and(same, ne(pets.id, exceptPetId)) : same)
    .limit(1);
  return rows.length > 0;
}

export async function findPetBy(db: Db, column: 'microchipNumber' | 'registryNumber', value: string): Promise<PetRow | null> {
  const [row] = await db
    .select()
    .from(pets)
    .where(and(eq(pets[column], value), isNull(pets.erasureRequestedAt)))
    .limit(1);
  return row ?? null;
}

export async function insertPet(db: Db, values: PetValues): Promise<PetRow> {
  const [row] = await db.insert(pets).values(values).returning();
  return row!;
}

/** Every update bumps the version its event will carry. */
export async function updatePet(db: Db, id: string, changes: Partial<PetValues>): Promise<PetRow> {
  const [row] = await db
    .update(pets)
    .set({ ...changes, version: sql`${pets.version} + 1` })
    .where(eq(pets.id, id))
    .returning();
  return row!;
}

export async function deletePet(db: Db, id: string): Promise<PetRow | null> {
  const [row] = await db.delete(pets).where(eq(pets.id, id)).returning();
  return row ?? null;
}
