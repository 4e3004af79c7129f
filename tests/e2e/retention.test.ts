import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { retentionWorker } from '@psa/subgraph-kit';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, issueLicence, must, registerPet, type TestOwner } from './helpers';

/**
 * Retention as each subgraph declares it (the seed's periods: transactions 7 years, health records 10, logs 2):
 * `pnpm retention` with --dry-run counts and removes nothing; without it, it removes exactly the rows past their
 * period and nothing else; and the daily job does the same in a running subgraph.
 */
const ROOT = join(__dirname, '..', '..');
let stack: TestStack;
let owner: TestOwner;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  owner = await createOwner(stack, 'retention-owner');
  registrar = await stack.token('retention-registrar', ['registrar']);
});
afterAll(() => stack?.close());

function retention(subgraph: 'core' | 'licensure', ...args: string[]): { code: number; out: string } {
  const result = spawnSync('pnpm', ['--silent', 'retention', subgraph, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: stack.subgraphs[subgraph]!.testDatabase.url },
    encoding: 'utf8',
  });
  return { code: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

async function ids(subgraph: string, table: string, petId: string): Promise<string[]> {
  const { rows } = await stack.subgraphs[subgraph]!.sql.query<{ id: string }>(`select id::text from ${table} where pet_id = $1 order by id`, [petId]);
  return rows.map((r) => r.id).sort();
}

const licence = (petId: string, number: string, issuedDate: string, expiresDate: string) =>
  issueLicence(stack, petId, number, registrar, { issuedDate, expiresDate });

async function vaccination(petId: string, administeredDate: string): Promise<string> {
  const input = { petId, vaccineName: 'Rabies', vaccineType: 'CORE', administeredDate, administeredBy: 'Dr. Ames' };
  return (await must(stack, `mutation($i: AddVaccinationInput!) { addVaccination(input: $i) { id } }`, { i: input }, registrar)).addVaccination.id;
}

async function healthRecord(petId: string, date: string): Promise<string> {
  const input = { petId, recordType: 'EXAM', title: `Checkup ${date}`, date };
  return (await must(stack, `mutation($i: AddHealthRecordInput!) { addHealthRecord(input: $i) { id } }`, { i: input }, registrar)).addHealthRecord.id;
}

it('licensure as of 2030-06-01: --dry-run counts and removes nothing; the run removes exactly the rows past their period', async () => {
  const petId = await registerPet(stack, owner, { name: 'Kept Records' });
  await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: petId }, registrar);
  // Transactions, 7 years from the later of expiry and payment: 2021 + 7 < 2030 goes; 2031 stays; paid today
  // (2026 + 7 = 2033) stays although it expired in 2021.
  const expired = await licence(petId, 'RET-1', '2020-01-01', '2021-01-01');
  const current = await licence(petId, 'RET-2', '2026-01-01', '2031-01-01');
  const paidLate = await licence(petId, 'RET-3', '2020-01-01', '2021-01-01');
  await must(stack, `mutation($id: ID!) { recordLicensePayment(id: $id, transactionId: "txn-ret-3") { id } }`, { id: paidLate }, registrar);
  // Health records, 10 years: 2019 and 2018 go, 2025 and 2024 stay.
  const oldShot = await vaccination(petId, '2019-01-01');
  const recentShot = await vaccination(petId, '2025-01-01');
  const oldExam = await healthRecord(petId, '2018-05-01');
  const recentExam = await healthRecord(petId, '2024-01-01');
  const before = {
    licences: await ids('licensure', 'licensure.municipal_licenses', petId),
    vaccinations: await ids('licensure', 'licensure.vaccinations', petId),
    records: await ids('licensure', 'licensure.health_records', petId),
  };
  expect(before).toEqual({ licences: [expired, current, paidLate].sort(), vaccinations: [oldShot, recentShot].sort(), records: [oldExam, recentExam].sort() });

  const dry = retention('licensure', '--dry-run', '--as-of', '2030-06-01');
  expect(dry.code).toBe(0);
  expect(dry.out).toContain('licensure: retention as of 2030-06-01 (dry run: nothing is removed)');
  expect(dry.out).toContain('licensure.municipal_licenses (transactions, 7 years): 1 rows dated before 2023-06-01 would be removed');
  expect(dry.out).toContain('licensure.health_records (health records, 10 years): 1 rows dated before 2020-06-01 would be removed');
  expect(dry.out).toContain('licensure.vaccinations (health records, 10 years): 1 rows dated before 2020-06-01 would be removed');
  expect(dry.out).toMatch(/licensure\.outbox \(logs and audit, 2 years\): \d+ rows dated before 2028-06-01 would be removed/);
  expect({
    licences: await ids('licensure', 'licensure.municipal_licenses', petId),
    vaccinations: await ids('licensure', 'licensure.vaccinations', petId),
    records: await ids('licensure', 'licensure.health_records', petId),
  }).toEqual(before);

  const run = retention('licensure', '--as-of', '2030-06-01');
  expect(run.code).toBe(0);
  expect(run.out).toContain('licensure.municipal_licenses (transactions, 7 years): 1 rows dated before 2023-06-01 removed');
  expect({
    licences: await ids('licensure', 'licensure.municipal_licenses', petId),
    vaccinations: await ids('licensure', 'licensure.vaccinations', petId),
    records: await ids('licensure', 'licensure.health_records', petId),
  }).toEqual({ licences: [current, paidLate].sort(), vaccinations: [recentShot], records: [recentExam] });
  // Every published outbox row of today is older than 2 years as of 2030; an unpublished one would have stayed.
  const { rows: outbox } = await stack.subgraphs.licensure!.sql.query<{ sent: number; unsent: number }>(
    `select count(*) filter (where sent_at is not null)::int as sent, count(*) filter (where sent_at is null)::int as unsent from licensure.outbox`,
  );
  expect(outbox[0]!.sent).toBe(0);

  // The owner sees what is left, through the gateway; a second run finds nothing more.
  const { pet } = await must(
    stack,
    `query($p: ID!) { pet(id: $p) { licenses { licenseNumber } vaccinations { administeredDate } } }`,
    { p: petId },
    owner.token,
  );
  expect(pet.licenses.map((l: { licenseNumber: string }) => l.licenseNumber).sort()).toEqual(['RET-2', 'RET-3']);
  expect(pet.vaccinations).toEqual([{ administeredDate: '2025-01-01' }]);
  const again = retention('licensure', '--as-of', '2030-06-01');
  expect(again.out).toContain('licensure: 0 rows removed');
});

it('core keeps mail not yet sent, and removes logs past 2 years', async () => {
  await must(stack, `mutation { requestEmailVerification }`, {}, owner.token);
  const count = async (table: string) => (await stack.subgraphs.core!.sql.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
  const mail = await count('core.outgoing_mail');
  expect(mail).toBeGreaterThan(0);
  const verifications = await count('core.email_verifications');
  const dry = retention('core', '--dry-run', '--as-of', '2030-06-01');
  expect(dry.out).toContain(`core.email_verifications (logs and audit, 2 years): ${verifications} rows dated before 2028-06-01 would be removed`);
  expect(dry.out).toContain('core.outgoing_mail (logs and audit, 2 years): 0 rows dated before 2028-06-01 would be removed');
  expect(retention('core', '--as-of', '2030-06-01').code).toBe(0);
  expect([await count('core.outgoing_mail'), await count('core.email_verifications')]).toEqual([mail, 0]);
});

it('never removes the licence in force, however old: the registry publishes it', async () => {
  const petId = await registerPet(stack, owner, { name: 'Old Licence' });
  await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: petId }, registrar);
  const older = await licence(petId, 'RET-OLD-1', '2014-01-01', '2015-01-01');
  const inForce = await licence(petId, 'RET-OLD-2', '2015-01-01', '2016-01-01');
  expect(await ids('licensure', 'licensure.municipal_licenses', petId)).toEqual([older, inForce].sort());
  // Both are past their 7 years as of 2030; the older goes, the one in force stays.
  expect(retention('licensure', '--as-of', '2030-06-01').code).toBe(0);
  expect(await ids('licensure', 'licensure.municipal_licenses', petId)).toEqual([inForce]);
});

it('counts back from today without --as-of', () => {
  const today = new Date().toISOString().slice(0, 10);
  const dry = retention('licensure', '--dry-run');
  expect(dry.code).toBe(0);
  expect(dry.out).toContain(`licensure: retention as of ${today} (dry run: nothing is removed)`);
});

it('refuses bad usage with the reason and exit code 2', () => {
  expect(retention('licensure', '--as-of', '2030-02-30')).toEqual({
    code: 2,
    out: expect.stringContaining('--as-of must be a day such as 2035-01-01, got "2030-02-30"'),
  });
  expect(retention('licensure', '--soon')).toEqual({ code: 2, out: expect.stringContaining('unknown option --soon') });
});

it('the daily job removes what is past its period in a running subgraph, and reports its last run in its status', async () => {
  const petId = await registerPet(stack, owner, { name: 'Old Shots' });
  await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: petId }, registrar);
  const ancient = await vaccination(petId, '2001-03-01');
  const recent = await vaccination(petId, '2025-03-01');
  const lines: string[] = [];
  const worker = retentionWorker(
    'licensure',
    licensure.retention ?? [],
    { database: stack.subgraphs.licensure!.database, transport: stack.transport, log: (line) => lines.push(line) },
    { firstRunMs: 0, everyMs: 3_600_000 },
  );
  await worker.start();
  try {
    for (let i = 0; i < 200 && !((await worker.status!()) as { lastRun: unknown }).lastRun; i++) await new Promise((r) => setTimeout(r, 50));
    // Only the 2001 shot is past its period today (the other suites' rows are all younger than their periods).
    expect(await ids('licensure', 'licensure.vaccinations', petId)).toEqual([recent]);
    expect(ancient).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await worker.status!()) as { lastRun: { removed: number } }).lastRun.removed).toBe(1);
    expect(lines.join('\n')).toContain('licensure.vaccinations (health records, 10 years): 1 rows dated before');
  } finally {
    await worker.stop();
  }
});
