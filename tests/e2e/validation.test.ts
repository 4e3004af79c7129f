import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, snapshotDatabases, type TestOwner } from './helpers';

/**
 * Bad input of every kind, through the gateway: each refusal is coded, names the field and the value it got,
 * and writes nothing in any database (outboxes and copies included). The good version of each input is
 * accepted, so the refusals are about the values.
 */
let stack: TestStack;
let owner: TestOwner;
let registrar: string;
let petId: string;
let secondPet: string;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  owner = await createOwner(stack, 'validation-owner');
  registrar = await stack.token('registrar-v', ['registrar']);
  petId = await registerPet(stack, owner, { microchipNumber: '985112000000777' });
  secondPet = await registerPet(stack, owner, { name: 'Second' });
  await must(stack, `mutation($i: RegisterPetInRegistryInput!) { registerPetInRegistry(input: $i) { id } }`, { i: { petId } }, registrar);
  await must(
    stack,
    `mutation($i: IssueLicenseInput!) { issueLicense(input: $i) { id } }`,
    {
      i: {
        petId,
        licenseNumber: 'DUP-1',
        jurisdictionType: 'COUNTY',
        jurisdictionName: 'King',
        jurisdictionCode: 'US-WA-KING',
        issuedDate: '2026-01-01',
        expiresDate: '2027-01-01',
        feeCents: 1000,
      },
    },
    registrar,
  );
});
afterAll(() => stack?.close());

/** Computed when a case runs, so a run across midnight UTC still means tomorrow. */
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);
const pet = (extra: Record<string, unknown>) => ({ name: 'Rex', species: 'DOG', sex: 'MALE', birthDate: '2020-01-01', weight: 40, ...extra });
const license = (extra: Record<string, unknown>) => ({
  petId: '',
  licenseNumber: 'NEW-1',
  jurisdictionType: 'CITY',
  jurisdictionName: 'Seattle',
  jurisdictionCode: 'US-WA-SEA',
  issuedDate: '2026-01-01',
  expiresDate: '2027-01-01',
  feeCents: 1000,
  ...extra,
});

interface Case {
  name: string;
  code: 'BAD_USER_INPUT' | 'CONFLICT';
  field: string;
  /** What the message must quote of the value sent. */
  shown: string;
  as: 'owner' | 'registrar';
  query: string;
  bad: () => Record<string, unknown>;
  /** The same input made good. */
  good: () => Record<string, unknown>;
}

const REGISTER_PET = `mutation($i: RegisterPetInput!) { registerPet(input: $i) { id } }`;
const UPDATE_OWNER = `mutation($id: ID!, $i: UpdateOwnerInput!) { updateOwner(id: $id, input: $i) { id } }`;
const UPDATE_PET = `mutation($id: ID!, $i: UpdatePetInput!) { updatePet(id: $id, input: $i) { id } }`;
const CREATE_HOUSEHOLD = `mutation($n: String!) { createHousehold(name: $n) { id } }`;
const REGISTRY = `mutation($i: RegisterPetInRegistryInput!) { registerPetInRegistry(input: $i) { id } }`;
const ISSUE = `mutation($i: IssueLicenseInput!) { issueLicense(input: $i) { id } }`;
const VACCINATE = `mutation($i: AddVaccinationInput!) { addVaccination(input: $i) { id } }`;
const vaccine = (extra: Record<string, unknown>) => ({
  petId,
  vaccineName: 'Rabies',
  vaccineType: 'CORE',
  administeredDate: '2026-03-01',
  administeredBy: 'Dr. Ames',
  ...extra,
});
let chips = 800;
const freshChip = () => `985112000000${chips++}`;
let licences = 0;
const freshLicence = () => `GOOD-${licences++}`;

const cases: Case[] = [
  {
    name: 'an email without @',
    code: 'BAD_USER_INPUT',
    field: 'input.email',
    shown: '"not-an-email"',
    as: 'owner',
    query: UPDATE_OWNER,
    bad: () => ({ id: owner.id, i: { email: 'not-an-email' } }),
    good: () => ({ id: owner.id, i: { email: 'validation-owner@example.org' } }),
  },
  {
    name: 'a blank first name',
    code: 'BAD_USER_INPUT',
    field: 'input.firstName',
    shown: 'blank',
    as: 'owner',
    query: UPDATE_OWNER,
    bad: () => ({ id: owner.id, i: { firstName: '   ' } }),
    good: () => ({ id: owner.id, i: { firstName: 'Val' } }),
  },
  {
    name: 'a microchip of 9 digits',
    code: 'BAD_USER_INPUT',
    field: 'input.microchipNumber',
    shown: '"123456789"',
    as: 'owner',
    query: REGISTER_PET,
    bad: () => ({ i: pet({ microchipNumber: '123456789' }) }),
    good: () => ({ i: pet({ microchipNumber: freshChip() }) }),
  },
  {
    name: 'a microchip with letters',
    code: 'BAD_USER_INPUT',
    field: 'input.microchipNumber',
    shown: '"98511200000077A"',
    as: 'owner',
    query: REGISTER_PET,
    bad: () => ({ i: pet({ microchipNumber: '98511200000077A' }) }),
    good: () => ({ i: pet({ microchipNumber: freshChip() }) }),
  },
  {
    name: 'a microchip already registered',
    code: 'CONFLICT',
    field: 'input.microchipNumber',
    shown: '985112000000777',
    as: 'owner',
    query: REGISTER_PET,
    bad: () => ({ i: pet({ microchipNumber: '985112000000777' }) }),
    good: () => ({ i: pet({ microchipNumber: freshChip() }) }),
  },
  {
    name: 'a weight of 0',
    code: 'BAD_USER_INPUT',
    field: 'input.weight',
    shown: 'got 0',
    as: 'owner',
    query: REGISTER_PET,
    bad: () => ({ i: pet({ weight: 0 }) }),
    good: () => ({ i: pet({ weight: 0.5 }) }),
  },
  {
    name: 'a negative weight on update',
    code: 'BAD_USER_INPUT',
    field: 'input.weight',
    shown: 'got -3',
    as: 'owner',
    query: UPDATE_PET,
    bad: () => ({ id: petId, i: { weight: -3 } }),
    good: () => ({ id: petId, i: { weight: 3 } }),
  },
  {
    name: 'a birth date tomorrow',
    code: 'BAD_USER_INPUT',
    field: 'input.birthDate',
    shown: tomorrow(),
    as: 'owner',
    query: REGISTER_PET,
    bad: () => ({ i: pet({ birthDate: tomorrow() }) }),
    good: () => ({ i: pet({ birthDate: today() }) }),
  },
  {
    name: 'a blank pet name',
    code: 'BAD_USER_INPUT',
    field: 'input.name',
    shown: 'blank',
    as: 'owner',
    query: REGISTER_PET,
    bad: () => ({ i: pet({ name: '  ' }) }),
    good: () => ({ i: pet({ name: 'Rexy' }) }),
  },
  {
    name: 'a blank household name',
    code: 'BAD_USER_INPUT',
    field: 'name',
    shown: 'blank',
    as: 'owner',
    query: CREATE_HOUSEHOLD,
    bad: () => ({ n: '' }),
    good: () => ({ n: 'The Vals' }),
  },
  {
    name: 'a second registry entry for a pet',
    code: 'CONFLICT',
    field: 'input.petId',
    shown: 'already registered',
    as: 'registrar',
    query: REGISTRY,
    bad: () => ({ i: { petId } }),
    good: () => ({ i: { petId: secondPet } }),
  },
  {
    name: 'a licence number already issued',
    code: 'CONFLICT',
    field: 'input.licenseNumber',
    shown: 'DUP-1',
    as: 'registrar',
    query: ISSUE,
    bad: () => ({ i: license({ petId, licenseNumber: 'DUP-1' }) }),
    good: () => ({ i: license({ petId, licenseNumber: freshLicence() }) }),
  },
  {
    name: 'a licence expiring before issue',
    code: 'BAD_USER_INPUT',
    field: 'input.expiresDate',
    shown: '2025-12-31',
    as: 'registrar',
    query: ISSUE,
    bad: () => ({ i: license({ petId, expiresDate: '2025-12-31' }) }),
    good: () => ({ i: license({ petId, licenseNumber: freshLicence(), expiresDate: '2026-12-31' }) }),
  },
  {
    name: 'a negative licence fee',
    code: 'BAD_USER_INPUT',
    field: 'input.feeCents',
    shown: 'got -1',
    as: 'registrar',
    query: ISSUE,
    bad: () => ({ i: license({ petId, feeCents: -1 }) }),
    good: () => ({ i: license({ petId, licenseNumber: freshLicence(), feeCents: 0 }) }),
  },
  {
    name: 'a currency that is not ISO 4217',
    code: 'BAD_USER_INPUT',
    field: 'input.feeCurrency',
    shown: 'DOLLARS',
    as: 'registrar',
    query: ISSUE,
    bad: () => ({ i: license({ petId, feeCurrency: 'DOLLARS' }) }),
    good: () => ({ i: license({ petId, licenseNumber: freshLicence(), feeCurrency: 'CAD' }) }),
  },
  {
    name: 'a next due date before administration',
    code: 'BAD_USER_INPUT',
    field: 'input.nextDueDate',
    shown: '2026-02-01',
    as: 'registrar',
    query: VACCINATE,
    bad: () => ({ i: vaccine({ nextDueDate: '2026-02-01' }) }),
    good: () => ({ i: vaccine({ nextDueDate: '2027-03-01' }) }),
  },
  {
    name: 'a vaccination administered tomorrow',
    code: 'BAD_USER_INPUT',
    field: 'input.administeredDate',
    shown: tomorrow(),
    as: 'registrar',
    query: VACCINATE,
    bad: () => ({ i: vaccine({ administeredDate: tomorrow() }) }),
    good: () => ({ i: vaccine({ administeredDate: today() }) }),
  },
];

describe('bad input', () => {
  it.each(cases)('$name is refused with $code naming $field and the value, and writes nothing', async (c) => {
    const before = await snapshotDatabases(stack);
    const res = await stack.query(c.query, c.bad(), c.as === 'owner' ? owner.token : registrar);
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error!.extensions).toEqual({ code: c.code, field: c.field, serviceName: expect.any(String) });
    expect(error!.message.startsWith(`${c.field}: `)).toBe(true);
    expect(error!.message).toContain(c.shown);
    expect(await snapshotDatabases(stack)).toEqual(before);
  });

  it.each(cases)('the good version of $name is accepted', async (c) => {
    const res = await stack.query(c.query, c.good(), c.as === 'owner' ? owner.token : registrar);
    expect(res.errors).toBeUndefined();
    expect(Object.values(res.data)[0]).toHaveProperty('id');
  });

  it('a licence for a pet core does not have is NOT_FOUND naming the pet, and writes nothing', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const before = await snapshotDatabases(stack);
    const res = await stack.query(ISSUE, { i: license({ petId: missing }) }, registrar);
    expect(res.errors).toEqual([
      {
        message: `Pet ${missing} does not exist`,
        path: ['issueLicense'],
        extensions: { code: 'NOT_FOUND', type: 'Pet', id: missing, serviceName: 'licensure' },
      },
    ]);
    expect(await snapshotDatabases(stack)).toEqual(before);
  });

  it('a malformed operation gets HTTP 400 and a GraphQL validation error, not a 500', async () => {
    const res = await stack.query(`{ pet(id: 1) { nope } }`, {}, owner.token);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
