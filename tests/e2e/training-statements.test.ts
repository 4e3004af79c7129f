import { core } from '@psa/core';
import { training } from '@psa/training';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, type TestOwner } from './helpers';
import { seedTrainer, tomorrowAt } from './training-fixtures';

/**
 * SQL statements training sends for `me { pets { trainingBookings trainingEnrollments } }`: one per table whatever
 * the pet count (1, 10, 100, 1000 dogs, each with a booking and an enrollment), written straight into the tables.
 */
const QUERY = `{ me { pets { id trainingBookings { status priceSnapshotCents } trainingEnrollments { status progressPercent } } } }`;

let stack: TestStack;
let trainerId: string;
let serviceId: string;
let programId: string;
beforeAll(async () => {
  // No relay or projector: their polling would be counted with the query's statements.
  stack = await startTestStack([core, training], { workers: false });
  const trainer = await seedTrainer(stack);
  trainerId = trainer.id;
  serviceId = trainer.serviceId;
  const { rows } = await stack.subgraphs.training!.sql.query(
    `insert into training.programs (trainer_id, name, certification_type, capacity, sessions_count, schedule, start_date, end_date, price_cents)
     values ($1, 'Counted Canine Good Citizen', 'GOOD_CITIZEN', 500, 8, 'Saturdays 10:00', '2026-12-01', '2027-01-31', 30000) returning id`,
    [trainerId],
  );
  programId = rows[0].id;
}, 120_000);
afterAll(() => stack?.close());

async function ownerWithDogs(subject: string, count: number): Promise<TestOwner> {
  const owner = await createOwner(stack, subject);
  const { rows } = await stack.subgraphs.core!.sql.query(
    `insert into core.pets (name, species, sex, birth_date, weight, owner_id)
     select 'Dog ' || i, 'DOG', 'MALE', '2020-01-01', 30, $1 from generate_series(1, $2) i returning id`,
    [owner.id, count],
  );
  const ids = rows.map((r: { id: string }) => r.id);
  const sql = stack.subgraphs.training!.sql;
  await sql.query(
    `insert into training.bookings (trainer_id, owner_id, dog_id, service_id, start_time, end_time, price_snapshot_cents)
     select $1, $2, d, $3, $4::timestamptz, $4::timestamptz + interval '1 hour', 6000 from unnest($5::uuid[]) d`,
    [trainerId, owner.id, serviceId, tomorrowAt(10), ids],
  );
  await sql.query(`insert into training.enrollments (program_id, pet_id, owner_id) select $1, d, $2 from unnest($3::uuid[]) d`, [programId, owner.id, ids]);
  return owner;
}

it('training sends one statement per table it reads whatever the pet count', async () => {
  const counts: string[] = [];
  for (const pets of [1, 10, 100, 1000]) {
    const owner = await ownerWithDogs(`training-statements-${pets}`, pets);
    for (const subgraph of Object.values(stack.subgraphs)) subgraph.statements.length = 0;
    const res = await stack.query(QUERY, {}, owner.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.me.pets).toHaveLength(pets);
    expect(
      res.data.me.pets.every(
        (p: { trainingBookings: unknown[]; trainingEnrollments: unknown[] }) => p.trainingBookings.length === 1 && p.trainingEnrollments.length === 1,
      ),
    ).toBe(true);
    const trainingStatements = stack.subgraphs.training!.statements.length;
    // trainingBookings and trainingEnrollments, and the programs the enrollments' progress is counted against:
    // three statements for any number of pets.
    expect(stack.subgraphs.training!.statements.map((s) => String(s).match(/from "training"\."(\w+)"/)?.[1]).sort()).toEqual([
      'bookings',
      'enrollments',
      'programs',
    ]);
    expect(trainingStatements).toBe(3);
    counts.push(`${pets} pets: core ${stack.subgraphs.core!.statements.length}, training ${trainingStatements}`);
  }
  console.log(`statements for me { pets { trainingBookings trainingEnrollments } }: ${counts.join('; ')}`);
}, 180_000);
