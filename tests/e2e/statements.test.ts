import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, type TestOwner } from './helpers';

/** Inserts pets with a registry entry, a licence and a vaccination each, straight into the subgraphs' tables. */
async function seedPets(stack: TestStack, owner: TestOwner, count: number): Promise<void> {
  const { rows } = await stack.subgraphs.core!.sql.query(
    `insert into core.pets (name, species, sex, birth_date, weight, owner_id)
     select 'Pet ' || i, 'DOG', 'MALE', '2020-01-01', 30, $1 from generate_series(1, $2) i returning id`,
    [owner.id, count],
  );
  const ids = rows.map((r: { id: string }) => r.id);
  const sql = stack.subgraphs.licensure!.sql;
  await sql.query(`insert into licensure.pet_registry (pet_id) select unnest($1::uuid[])`, [ids]);
  await sql.query(
    `insert into licensure.municipal_licenses (pet_id, registry_id, license_number, jurisdiction_type, jurisdiction_name,
       jurisdiction_code, issued_date, expires_date, fee_cents)
     select pet_id, id, 'L-' || registry_number, 'CITY', 'Portland', 'US-OR-PDX', '2026-01-01', '2027-01-01', 2500
     from licensure.pet_registry where pet_id = any($1::uuid[])`,
    [ids],
  );
  await sql.query(
    `insert into licensure.vaccinations (pet_id, registry_id, vaccine_name, vaccine_type, administered_date, administered_by)
     select pet_id, id, 'Rabies', 'CORE', '2026-01-01', 'Dr. Ames' from licensure.pet_registry where pet_id = any($1::uuid[])`,
    [ids],
  );
}

const QUERY = `{ me { pets { id name registry { registryNumber } licenses { licenseNumber } vaccinations { vaccineName }
  certifications { name } healthRecords { title } lostReports { status } } } }`;

/** The statements each subgraph sends for one run of QUERY as `owner`. */
async function statementsFor(stack: TestStack, owner: TestOwner) {
  for (const subgraph of Object.values(stack.subgraphs)) subgraph.statements.length = 0;
  const res = await stack.query(QUERY, {}, owner.token);
  expect(res.errors).toBeUndefined();
  return { pets: res.data.me.pets, core: [...stack.subgraphs.core!.statements], licensure: [...stack.subgraphs.licensure!.statements] };
}

describe('SQL statements per federated query', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // No relay or projector: their polling would be counted with the query's statements.
    stack = await startTestStack([core, licensure], { workers: false });
  });
  afterAll(() => stack?.close());

  it('stay the same for 1 pet and for 50 pets: one per contributed field in licensure', async () => {
    const one = await createOwner(stack, 'one-pet-owner');
    const fifty = await createOwner(stack, 'fifty-pet-owner');
    await seedPets(stack, one, 1);
    await seedPets(stack, fifty, 50);

    const small = await statementsFor(stack, one);
    const large = await statementsFor(stack, fifty);

    expect(small.pets).toHaveLength(1);
    expect(large.pets).toHaveLength(50);
    expect(
      large.pets.every(
        (p: { licenses: unknown[]; vaccinations: unknown[]; registry: unknown }) => p.licenses.length === 1 && p.vaccinations.length === 1 && p.registry,
      ),
    ).toBe(true);
    // registry, licenses, vaccinations, certifications, healthRecords, lostReports: six fields, six statements.
    expect(large.licensure).toHaveLength(6);
    expect(large.core).toHaveLength(small.core.length);
    expect(large.licensure).toHaveLength(small.licensure.length);
    console.log(
      `statements for 50 pets: core ${large.core.length}, licensure ${large.licensure.length} (1 pet: ${small.core.length} + ${small.licensure.length})`,
    );
  });
});
