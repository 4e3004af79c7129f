import { Client } from 'pg';

export interface SeededOwner {
  clerkId: string;
  petIds: string[];
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * `owners` owners with `petsEach` pets each, a household per owner holding them, and in licensure the copies of
 * owners and pets its rules read plus a registry entry, a licence and a vaccination per pet. Written straight
 * into the tables in a few set-based statements (fixtures, not the code under test): a second or two for 1,000
 * pets where the API would take minutes.
 */
export async function seedOwners(coreUrl: string, licensureUrl: string, owners: number, petsEach: number): Promise<SeededOwner[]> {
  const seeded = await withClient(coreUrl, async (core) => {
    await core.query('begin');
    const { rows: ownerRows } = await core.query<{ id: string; clerk_id: string }>(
      `insert into core.owners (clerk_id, email, first_name, last_name)
       select 'bench-owner-' || i, 'bench-owner-' || i || '@example.com', 'Bench', 'Owner ' || i from generate_series(1, $1) i
       returning id, clerk_id`,
      [owners],
    );
    await core.query(
      `with homes as (
         insert into core.households (name, primary_owner_id) select 'Home of ' || clerk_id, id from core.owners where id = any($1::uuid[])
         returning id, primary_owner_id)
       insert into core.household_members (household_id, owner_id, role) select id, primary_owner_id, 'PRIMARY' from homes`,
      [ownerRows.map((o) => o.id)],
    );
    const { rows: petRows } = await core.query<{ id: string; owner_id: string; household_id: string }>(
      `insert into core.pets (name, species, sex, birth_date, weight, owner_id, household_id)
       select 'Pet ' || p, 'DOG', 'MALE', '2020-01-01', 30, m.owner_id, m.household_id
       from core.household_members m, generate_series(1, $2) p where m.owner_id = any($1::uuid[])
       returning id, owner_id, household_id`,
      [ownerRows.map((o) => o.id), petsEach],
    );
    await core.query('commit');
    return { ownerRows, petRows };
  });
  await withClient(licensureUrl, async (licensure) => {
    const { ownerRows, petRows } = seeded;
    await licensure.query('begin');
    await licensure.query(`insert into licensure.owner_copies (id, version, clerk_id) select unnest($1::uuid[]), 1, unnest($2::text[])`, [
      ownerRows.map((o) => o.id),
      ownerRows.map((o) => o.clerk_id),
    ]);
    await licensure.query(
      `insert into licensure.pet_copies (id, version, owner_id, household_id, status) select unnest($1::uuid[]), 1, unnest($2::uuid[]), unnest($3::uuid[]), 'ACTIVE'`,
      [petRows.map((p) => p.id), petRows.map((p) => p.owner_id), petRows.map((p) => p.household_id)],
    );
    await licensure.query(`insert into licensure.pet_registry (pet_id) select unnest($1::uuid[])`, [petRows.map((p) => p.id)]);
    await licensure.query(
      `insert into licensure.municipal_licenses (pet_id, registry_id, license_number, jurisdiction_type, jurisdiction_name, jurisdiction_code, issued_date, expires_date, fee_cents)
       select pet_id, id, 'L-' || registry_number, 'CITY', 'Portland', 'US-OR-PDX', '2026-01-01', '2027-01-01', 2500 from licensure.pet_registry`,
    );
    await licensure.query(
      `insert into licensure.vaccinations (pet_id, registry_id, vaccine_name, vaccine_type, administered_date, administered_by)
       select pet_id, id, 'Rabies', 'CORE', '2026-01-01', 'Dr. Ames' from licensure.pet_registry`,
    );
    await licensure.query('commit');
    // Fresh planner statistics, as a database in service would have, rather than plans made for empty tables.
    await licensure.query('analyze');
  });
  await withClient(coreUrl, (core) => core.query('analyze'));
  const petsOf = new Map<string, string[]>();
  for (const pet of seeded.petRows) petsOf.set(pet.owner_id, [...(petsOf.get(pet.owner_id) ?? []), pet.id]);
  return seeded.ownerRows.map((o) => ({ clerkId: o.clerk_id, petIds: petsOf.get(o.id) ?? [] }));
}
