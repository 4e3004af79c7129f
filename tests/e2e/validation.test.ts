import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, rowCount, type TestOwner } from './helpers';

let stack: TestStack;
let owner: TestOwner;
let registrar: string;
let petId: string;

const TABLES = {
  core: ['core.owners', 'core.pets', 'core.households', 'core.household_members'],
  licensure: ['licensure.pet_registry', 'licensure.municipal_licenses', 'licensure.certifications', 'licensure.health_records', 'licensure.vaccinations', 'licensure.lost_pet_reports'],
};

/** Every row of every table, so a refused write can be shown to have changed nothing at all. */
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const [subgraph, tables] of Object.entries(TABLES)) {
    for (const table of tables) {
      const { rows } = await stack.subgraphs[subgraph]!.sql.query(`select * from ${table} order by id`);
      parts.push(`${table}:${JSON.stringify(rows)}`);
    }
  }
  return parts.join('\n');
}

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  owner = await createOwner(stack, 'validation-owner');
  registrar = await stack.token('registrar-v', ['registrar']);
  petId = await registerPet(stack, owner, { microchipNumber: '985112000000777' });
  await must(stack, `mutation($i: RegisterPetInRegistryInput!) { registerPetInRegistry(input: $i) { id } }`, { i: { petId } }, registrar);
  await must(
    stack,
    `mutation($i: IssueLicenseInput!) { issueLicense(input: $i) { id } }`,
    { i: { petId, licenseNumber: 'DUP-1', jurisdictionType: 'COUNTY', jurisdictionName: 'King', jurisdictionCode: 'US-WA-KING', issuedDate: '2026-01-01', expiresDate: '2027-01-01', feeCents: 1000 } },
    registrar,
  );
});
afterAll(() => stack?.close());

const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const pet = (extra: Record<string, unknown>) => ({ name: 'Rex', species: 'DOG', sex: 'MALE', birthDate: '2020-01-01', weight: 40, ...extra });
const license = (extra: Record<string, unknown>) => ({
  petId: '', licenseNumber: 'NEW-1', jurisdictionType: 'CITY', jurisdictionName: 'Seattle', jurisdictionCode: 'US-WA-SEA',
  issuedDate: '2026-01-01', expiresDate: '2027-01-01', feeCents: 1000, ...extra,
});

type Case = [name: string, code: string, field: string, as: 'owner' | 'registrar' | 'newcomer', query: string, variables: () => Record<string, unknown>];

const REGISTER_PET = `mutation($i: RegisterPetInput!) { registerPet(input: $i) { id } }`;
const CREATE_OWNER = `mutation($i: CreateOwnerInput!) { createOwner(input: $i) { id } }`;
const ISSUE = `mutation($i: IssueLicenseInput!) { issueLicense(input: $i) { id } }`;
const VACCINATE = `mutation($i: AddVaccinationInput!) { addVaccination(input: $i) { id } }`;

const cases: Case[] = [
  ['an email without @', 'BAD_USER_INPUT', 'input.email', 'owner', `mutation { updateOwner(id: "OWNER", input: { email: "not-an-email" }) { id } }`, () => ({})],
  ['a blank first name', 'BAD_USER_INPUT', 'input.firstName', 'owner', `mutation { updateOwner(id: "OWNER", input: { firstName: "   " }) { id } }`, () => ({})],
  ['a microchip of 9 digits', 'BAD_USER_INPUT', 'input.microchipNumber', 'owner', REGISTER_PET, () => ({ i: pet({ microchipNumber: '123456789' }) })],
  ['a microchip with letters', 'BAD_USER_INPUT', 'input.microchipNumber', 'owner', REGISTER_PET, () => ({ i: pet({ microchipNumber: '98511200000077A' }) })],
  ['a microchip already registered', 'CONFLICT', 'input.microchipNumber', 'owner', REGISTER_PET, () => ({ i: pet({ microchipNumber: '985112000000777' }) })],
  ['a weight of 0', 'BAD_USER_INPUT', 'input.weight', 'owner', REGISTER_PET, () => ({ i: pet({ weight: 0 }) })],
  ['a negative weight on update', 'BAD_USER_INPUT', 'input.weight', 'owner', `mutation($id: ID!) { updatePet(id: $id, input: { weight: -3 }) { id } }`, () => ({ id: petId })],
  ['a birth date tomorrow', 'BAD_USER_INPUT', 'input.birthDate', 'owner', REGISTER_PET, () => ({ i: pet({ birthDate: tomorrow }) })],
  ['a blank pet name', 'BAD_USER_INPUT', 'input.name', 'owner', REGISTER_PET, () => ({ i: pet({ name: '  ' }) })],
  ['a blank household name', 'BAD_USER_INPUT', 'name', 'owner', `mutation { createHousehold(name: "") { id } }`, () => ({})],
  ['a second registry entry for a pet', 'CONFLICT', 'input.petId', 'registrar', `mutation($i: RegisterPetInRegistryInput!) { registerPetInRegistry(input: $i) { id } }`, () => ({ i: { petId } })],
  ['a licence number already issued', 'CONFLICT', 'input.licenseNumber', 'registrar', ISSUE, () => ({ i: license({ petId, licenseNumber: 'DUP-1' }) })],
  ['a licence expiring before issue', 'BAD_USER_INPUT', 'input.expiresDate', 'registrar', ISSUE, () => ({ i: license({ petId, expiresDate: '2025-12-31' }) })],
  ['a negative licence fee', 'BAD_USER_INPUT', 'input.feeCents', 'registrar', ISSUE, () => ({ i: license({ petId, feeCents: -1 }) })],
  ['a currency that is not ISO 4217', 'BAD_USER_INPUT', 'input.feeCurrency', 'registrar', ISSUE, () => ({ i: license({ petId, feeCurrency: 'DOLLARS' }) })],
  ['a licence for a pet core does not have', 'NOT_FOUND', 'Pet 00000000-0000-4000-8000-000000000000', 'registrar', ISSUE, () => ({ i: license({ petId: '00000000-0000-4000-8000-000000000000' }) })],
  ['a next due date before administration', 'BAD_USER_INPUT', 'input.nextDueDate', 'registrar', VACCINATE, () => ({ i: { petId, vaccineName: 'Rabies', vaccineType: 'CORE', administeredDate: '2026-03-01', nextDueDate: '2026-02-01', administeredBy: 'Dr. Ames' } })],
  ['a vaccination administered tomorrow', 'BAD_USER_INPUT', 'input.administeredDate', 'registrar', VACCINATE, () => ({ i: { petId, vaccineName: 'Rabies', vaccineType: 'CORE', administeredDate: tomorrow, administeredBy: 'Dr. Ames' } })],
];

describe('bad input', () => {
  it.each(cases)('%s is refused with %s naming %s and writes nothing', async (_name, code, field, as, query, variables) => {
    const before = await snapshot();
    const token = as === 'owner' ? owner.token : as === 'registrar' ? registrar : await stack.token('newcomer');
    const res = await stack.query(query.replace('OWNER', owner.id), variables(), token);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe(code);
    expect(res.errors![0]!.message).toContain(field);
    expect(res.errors![0]!.extensions).not.toHaveProperty('stacktrace');
    expect(await snapshot()).toBe(before);
  });

  it('a malformed operation gets a GraphQL validation error, not a 500', async () => {
    const res = await stack.query(`{ pet(id: 1) { nope } }`, {}, owner.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('the good version of each input is accepted (the refusals above are about the value)', async () => {
    await must(stack, REGISTER_PET, { i: pet({ microchipNumber: '985112000000778', weight: 0.5, birthDate: new Date().toISOString().slice(0, 10) }) }, owner.token);
    expect(await rowCount(stack, 'core', 'core.pets')).toBe(2);
  });
});
