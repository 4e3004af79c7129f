import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type GraphQLResponse, type TestStack } from '@psa/testing';
import { createOwner, issueLicence as issueLicenceFor, must, registerPet, type TestOwner } from './helpers';

/** Writes that race: many callers at once on one row, each told the truth, the row left consistent. */
let stack: TestStack;
let owner: TestOwner;
let registrar: string;
let petId: string;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  owner = await createOwner(stack, 'race-owner');
  registrar = await stack.token('race-registrar', ['registrar']);
  petId = await registerPet(stack, owner);
  await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: petId }, registrar);
});
afterAll(() => stack?.close());

const issueLicence = (number: string) => issueLicenceFor(stack, petId, number, registrar);

function outcomes(answers: GraphQLResponse[]): Record<string, number> {
  const count: Record<string, number> = {};
  for (const res of answers) {
    const code = String(res.errors?.[0]?.extensions?.code);
    // An answer none of these tests expects is counted with its message, so a failure says what went wrong.
    const key = !res.errors ? 'ok' : ['CONFLICT', 'BAD_USER_INPUT'].includes(code) ? code : `${code}: ${res.errors[0]!.message}`;
    count[key] = (count[key] ?? 0) + 1;
  }
  return count;
}

it('20 concurrent payments of one licence: one is recorded, 19 get CONFLICT, and the stored transaction is the one told so', async () => {
  const id = await issueLicence('RACE-PAY-1');
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      stack.query(`mutation($id: ID!, $t: String!) { recordLicensePayment(id: $id, transactionId: $t) { transactionId } }`, { id, t: `tx-${i}` }, registrar),
    ),
  );
  expect(outcomes(answers)).toEqual({ ok: 1, CONFLICT: 19 });
  const winner = answers.find((a) => !a.errors)!.data.recordLicensePayment.transactionId;
  const { rows } = await stack.subgraphs.licensure!.sql.query('select paid, transaction_id from licensure.municipal_licenses where id = $1', [id]);
  expect(rows).toEqual([{ paid: true, transaction_id: winner }]);
});

it('20 concurrent lost reports for one pet: one is opened, 19 get CONFLICT, and the pet has one open report', async () => {
  const pet = await registerPet(stack, owner, { name: 'Runaway' });
  await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: pet }, registrar);
  const answers = await Promise.all(
    Array.from({ length: 20 }, () =>
      stack.query(
        `mutation($i: ReportLostPetInput!) { reportLostPet(input: $i) { id } }`,
        { i: { petId: pet, lostDate: '2026-11-01T10:00:00Z', lastSeenLocation: { description: 'the park' }, physicalDescription: 'brown' } },
        registrar,
      ),
    ),
  );
  expect(outcomes(answers)).toEqual({ ok: 1, CONFLICT: 19 });
  const { rows } = await stack.subgraphs.licensure!.sql.query(
    `select count(*)::int as open from licensure.lost_pet_reports where pet_id = $1 and status in ('LOST', 'SIGHTING_REPORTED')`,
    [pet],
  );
  expect(rows).toEqual([{ open: 1 }]);
});

it('sightings: one per finder and report every 10 minutes, even 10 at once; the finder learns nothing of the report; the owner sees the note, never the finder', async () => {
  const pet = await registerPet(stack, owner, { name: 'Wanderer' });
  await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: pet }, registrar);
  const report = (
    await must(
      stack,
      `mutation($i: ReportLostPetInput!) { reportLostPet(input: $i) { id } }`,
      { i: { petId: pet, lostDate: '2026-11-01T10:00:00Z', lastSeenLocation: { description: 'the park' }, physicalDescription: 'grey' } },
      registrar,
    )
  ).reportLostPet.id;
  const finder = await stack.token('race-finder');
  const sighting = `mutation($i: ReportSightingInput!) { reportSighting(input: $i) { sightingId } }`;
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => stack.query(sighting, { i: { reportId: report, note: `seen ${i}` } }, finder)));
  expect(outcomes(answers)).toEqual({ ok: 1, BAD_USER_INPUT: 9 });
  expect(answers.find((a) => a.errors)!.errors![0]!.message).toMatch(/^input\.reportId: you reported a sighting on this report less than 10 minutes ago/);
  // Another finder is not held back by the first.
  await must(stack, sighting, { i: { reportId: report, note: 'second finder' } }, await stack.token('race-finder-2'));
  const { pet: seen } = await must(stack, `query($p: ID!) { pet(id: $p) { lostReports { sightingsReported sightings { note } } } }`, { p: pet }, owner.token);
  expect(seen.lostReports[0].sightingsReported).toBe(2);
  const notes = seen.lostReports[0].sightings.map((s: { note: string }) => s.note);
  expect(notes).toHaveLength(2);
  expect(notes).toEqual(expect.arrayContaining(['second finder', expect.stringMatching(/^seen \d$/)]));
  // The receipt type has no field that leads to the report, its pet or its reporter.
  const probe = await stack.query(
    `mutation($i: ReportSightingInput!) { reportSighting(input: $i) { sightingId report { reportedBy } } }`,
    { i: { reportId: report } },
    await stack.token('race-finder-3'),
  );
  expect(probe.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});
