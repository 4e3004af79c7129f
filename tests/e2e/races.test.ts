import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type GraphQLResponse, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, type TestOwner } from './helpers';

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

async function issueLicence(number: string): Promise<string> {
  const data = await must(
    stack,
    `mutation($i: IssueLicenseInput!) { issueLicense(input: $i) { id } }`,
    { i: { petId, licenseNumber: number, jurisdictionType: 'CITY', jurisdictionName: 'Seattle', jurisdictionCode: 'US-WA-SEA', issuedDate: '2026-01-01', expiresDate: '2027-01-01', feeCents: 3500 } },
    registrar,
  );
  return data.issueLicense.id;
}

function outcomes(answers: GraphQLResponse[]): Record<string, number> {
  const count: Record<string, number> = {};
  for (const res of answers) {
    const key = res.errors ? String(res.errors[0]!.extensions?.code) : 'ok';
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
