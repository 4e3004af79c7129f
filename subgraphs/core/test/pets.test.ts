import { subgraphUnderTest, type SubgraphUnderTest } from '@psa/testing';
import { core } from '../src';

/** Core's pet rules, in process: no gateway, no broker, a throwaway PGlite. */
let subject: SubgraphUnderTest;
const owner = { subject: 'fast-owner' };

beforeAll(async () => {
  subject = await subgraphUnderTest(core);
  const created = await subject.run(`mutation { createOwner(input: { email: "fast@example.com", firstName: "Fast", lastName: "Owner" }) { id } }`, {}, owner);
  expect(created.errors).toBeUndefined();
}, 60_000);
afterAll(() => subject?.close());

const REGISTER = `mutation($i: RegisterPetInput!) { registerPet(input: $i) { id name weight breed } }`;
const pet = (extra: Record<string, unknown> = {}) => ({ name: 'Rex', species: 'DOG', sex: 'MALE', birthDate: '2020-01-01', weight: 40, ...extra });

it('registers a pet for the signed-in owner, trims its texts and writes its event in the same transaction', async () => {
  const res = await subject.run(REGISTER, { i: pet({ name: '  Rex  ', breed: [' Lab '] }) }, owner);
  expect(res.errors).toBeUndefined();
  expect(res.data.registerPet).toMatchObject({ name: 'Rex', weight: 40, breed: ['Lab'] });
  const { rows } = (await subject.db.execute(
    `select envelope->>'type' as type from core.outbox where key = '${res.data.registerPet.id}'` as never,
  )) as unknown as { rows: { type: string }[] };
  expect(rows).toEqual([{ type: 'pet.registered' }]);
});

it.each([
  ['a weight of 0', 'input.weight', 'must be greater than 0, got 0', { weight: 0 }],
  ['a blank name', 'input.name', 'is required and must not be blank', { name: '   ' }],
  ['a microchip of 9 digits', 'input.microchipNumber', 'must be 15 digits (ISO 11784), got "123456789"', { microchipNumber: '123456789' }],
  ['a birth date in 2199', 'input.birthDate', 'must not be in the future, got 2199-01-01', { birthDate: '2199-01-01' }],
  ['a birth date of year 0', 'input.birthDate', 'must be a calendar date between 1900-01-01 and 2199-12-31, got "0000-01-01"', { birthDate: '0000-01-01' }],
])('refuses %s with BAD_USER_INPUT naming %s', async (_name, field, problem, extra) => {
  const res = await subject.run(REGISTER, { i: pet(extra) }, owner);
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]!.message).toBe(`${field}: ${problem}`);
  expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
});

it('an anonymous caller may not register a pet, and another owner does not see it', async () => {
  const anonymous = await subject.run(REGISTER, { i: pet() });
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const mine = await subject.run(REGISTER, { i: pet({ name: 'Private' }) }, owner);
  await subject.run(`mutation { createOwner(input: { email: "other@example.com", firstName: "O", lastName: "Ther" }) { id } }`, {}, { subject: 'fast-other' });
  const seen = await subject.run(`query($id: ID!) { pet(id: $id) { name } }`, { id: mine.data.registerPet.id }, { subject: 'fast-other' });
  expect(seen).toEqual({ data: { pet: null } });
});
