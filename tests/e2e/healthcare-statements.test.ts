import { core } from '@psa/core';
import { healthcare } from '@psa/healthcare';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, type TestOwner } from './helpers';

/**
 * SQL statements healthcare sends for `me { pets { appointments insurancePolicies } }`: one per field whatever the
 * pet count (1, 10, 100, 1000 pets, each with an appointment and a policy), written straight into the tables.
 */
const QUERY = `{ me { pets { id appointments { confirmationCode status } insurancePolicies { policyNumber status } } } }`;

let stack: TestStack;
beforeAll(async () => {
  // No relay or projector: their polling would be counted with the query's statements.
  stack = await startTestStack([core, healthcare], { workers: false });
  await stack.subgraphs.healthcare!.sql.query(
    `insert into healthcare.clinics (id, name, slug, phone, address_line1, city, state, postal_code, latitude, longitude, timezone)
     values ('00000000-0000-4000-8000-000000000001', 'Counted Clinic', 'counted-clinic', '5550100', '1 St', 'Portland', 'OR', '97201', 45.5, -122.6, 'UTC')`,
  );
}, 120_000);
afterAll(() => stack?.close());

async function ownerWithPets(subject: string, count: number): Promise<TestOwner> {
  const owner = await createOwner(stack, subject);
  const { rows } = await stack.subgraphs.core!.sql.query(
    `insert into core.pets (name, species, sex, birth_date, weight, owner_id)
     select 'Pet ' || i, 'DOG', 'MALE', '2020-01-01', 30, $1 from generate_series(1, $2) i returning id`,
    [owner.id, count],
  );
  const ids = rows.map((r: { id: string }) => r.id);
  const sql = stack.subgraphs.healthcare!.sql;
  await sql.query(
    `insert into healthcare.appointments (confirmation_code, clinic_id, owner_id, pet_id, service_id, appointment_type, scheduled_date, scheduled_start, scheduled_end)
     select upper(substr(md5(p::text), 1, 10)), '00000000-0000-4000-8000-000000000001', $1, p, 1, 'IN_PERSON', '2026-12-01', '09:00', '09:30' from unnest($2::uuid[]) p`,
    [owner.id, ids],
  );
  await sql.query(
    `insert into healthcare.insurance_policies (policy_number, pet_id, species, coverage_type, annual_limit_cents, deductible_cents, reimbursement_percent, premium_cents, start_date, end_date)
     select 'HP-' || upper(substr(md5(p::text), 1, 12)), p, 'DOG', 'ACCIDENT_ONLY', 500000, 10000, 80, 2500, '2026-01-01', '2026-12-31' from unnest($1::uuid[]) p`,
    [ids],
  );
  return owner;
}

it('healthcare sends one statement per field whatever the pet count', async () => {
  const counts: string[] = [];
  for (const pets of [1, 10, 100, 1000]) {
    const owner = await ownerWithPets(`statements-${pets}`, pets);
    for (const subgraph of Object.values(stack.subgraphs)) subgraph.statements.length = 0;
    const res = await stack.query(QUERY, {}, owner.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.me.pets).toHaveLength(pets);
    expect(
      res.data.me.pets.every((p: { appointments: unknown[]; insurancePolicies: unknown[] }) => p.appointments.length === 1 && p.insurancePolicies.length === 1),
    ).toBe(true);
    const healthcareStatements = stack.subgraphs.healthcare!.statements.length;
    // appointments and insurancePolicies: two fields, two statements.
    expect(healthcareStatements).toBe(2);
    counts.push(`${pets} pets: core ${stack.subgraphs.core!.statements.length}, healthcare ${healthcareStatements}`);
  }
  console.log(`statements for me { pets { appointments insurancePolicies } }: ${counts.join('; ')}`);
}, 180_000);
