import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@psa/db';
import type { SubgraphUnderTest, InProcessResult } from '@psa/testing';

/** What the projector would have copied from core: an owner who signs in as `subject`. Returns the owner's id. */
export async function copiedOwner(subject: SubgraphUnderTest, clerkId: string): Promise<string> {
  const id = randomUUID();
  await subject.db.execute(sql`insert into healthcare.owner_copies (id, version, clerk_id) values (${id}, 1, ${clerkId})`);
  return id;
}

/** A pet copy of that owner; each test takes pets of its own, so tests never share a policy or a plan. */
export async function copiedPet(
  subject: SubgraphUnderTest,
  ownerId: string,
  pet: { species?: string; birthDate?: string; status?: string; deleted?: boolean } = {},
): Promise<string> {
  const id = randomUUID();
  const { species = 'DOG', birthDate = '2020-06-01', status = 'ACTIVE', deleted = false } = pet;
  await subject.db.execute(
    sql`insert into healthcare.pet_copies (id, version, deleted, owner_id, name, status, species, birth_date)
        values (${id}, 1, ${deleted}, ${ownerId}, 'Pet', ${status}, ${species}, ${birthDate})`,
  );
  return id;
}

/** The data of an answer that must have succeeded; its errors otherwise, so a failure says why. */
export function ok<T>(result: InProcessResult<T>): T {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

/** The first error's code and field, as a client sees them. */
export const refusal = (result: InProcessResult) => ({ code: result.errors?.[0]?.extensions?.code, field: result.errors?.[0]?.extensions?.field });

/** A date `days` from today, YYYY-MM-DD. */
export const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** How many rows a `select count(*)::int as count ...` finds. */
export async function countOf(subject: SubgraphUnderTest, query: ReturnType<typeof sql>): Promise<number> {
  return rowsOf<{ count: number }>(await subject.db.execute(query))[0]!.count;
}
