import type { TestStack } from '@psa/testing';

/**
 * An owner with `pets` pets, each with a registry entry, a licence and a vaccination, and a household holding
 * them: written straight into the subgraphs' tables (fixtures, not the code under test).
 */
export async function seedOwnerWithPets(stack: TestStack, clerkId: string, pets: number): Promise<{ ownerId: string; petIds: string[] }> {
  const coreSql = stack.subgraphs.core!.sql;
  const {
    rows: [owner],
  } = await coreSql.query(`insert into core.owners (clerk_id, email, first_name, last_name) values ($1, $1 || '@example.com', 'Bench', $1) returning id`, [
    clerkId,
  ]);
  const {
    rows: [household],
  } = await coreSql.query(`insert into core.households (name, primary_owner_id) values ('Bench home', $1) returning id`, [owner.id]);
  await coreSql.query(`insert into core.household_members (household_id, owner_id, role) values ($1, $2, 'PRIMARY')`, [household.id, owner.id]);
  const { rows } = await coreSql.query(
    `insert into core.pets (name, species, sex, birth_date, weight, owner_id, household_id)
     select 'Pet ' || i, 'DOG', 'MALE', '2020-01-01', 30, $1, $2 from generate_series(1, $3) i returning id`,
    [owner.id, household.id, pets],
  );
  const petIds = rows.map((r: { id: string }) => r.id);
  const sql = stack.subgraphs.licensure!.sql;
  await sql.query(`insert into licensure.owner_copies (id, version, clerk_id) values ($1, 1, $2)`, [owner.id, clerkId]);
  await sql.query(`insert into licensure.pet_copies (id, version, owner_id, status) select unnest($1::uuid[]), 1, $2, 'ACTIVE'`, [petIds, owner.id]);
  await sql.query(`insert into licensure.pet_registry (pet_id) select unnest($1::uuid[])`, [petIds]);
  await sql.query(
    `insert into licensure.municipal_licenses (pet_id, registry_id, license_number, jurisdiction_type, jurisdiction_name, jurisdiction_code, issued_date, expires_date, fee_cents)
     select pet_id, id, 'L-' || registry_number, 'CITY', 'Portland', 'US-OR-PDX', '2026-01-01', '2027-01-01', 2500 from licensure.pet_registry where pet_id = any($1::uuid[])`,
    [petIds],
  );
  await sql.query(
    `insert into licensure.vaccinations (pet_id, registry_id, vaccine_name, vaccine_type, administered_date, administered_by)
     select pet_id, id, 'Rabies', 'CORE', '2026-01-01', 'Dr. Ames' from licensure.pet_registry where pet_id = any($1::uuid[])`,
    [petIds],
  );
  return { ownerId: owner.id, petIds };
}
