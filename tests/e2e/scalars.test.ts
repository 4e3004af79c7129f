import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, type TestOwner } from './helpers';

/**
 * Every custom scalar, malformed, through the gateway: in variables and written inline, each must come back as
 * BAD_USER_INPUT naming the argument path and the value, refused before the query planner (HTTP 400), with
 * nothing written.
 */
let stack: TestStack;
let owner: TestOwner;
let tokens: Record<'owner' | 'registrar' | 'admin', string>;
let petId: string;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  owner = await createOwner(stack, 'scalar-owner');
  petId = await registerPet(stack, owner);
  tokens = { owner: owner.token, registrar: await stack.token('scalar-registrar', ['registrar']), admin: await stack.token('scalar-admin', ['admin']) };
  await must(stack, `mutation($i: RegisterPetInRegistryInput!) { registerPetInRegistry(input: $i) { id } }`, { i: { petId } }, tokens.registrar);
});
afterAll(() => stack?.close());

/** An enum value, written bare when inlined. */
class Enum {
  constructor(readonly value: string) {}
  toJSON() {
    return this.value;
  }
}

function literal(value: unknown): string {
  if (value instanceof Enum) return value.value;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
}

const PET = { name: 'Rex', species: new Enum('DOG'), sex: new Enum('MALE'), birthDate: '2020-01-01', weight: 40 };
const ALL_PETS_OF_OWNER = `select count(*)::int as n from core.pets`;

interface Case {
  name: string;
  as: keyof typeof tokens;
  /** The field, its argument name, the argument's type, the selection. */
  field: string;
  argument: string;
  type: string;
  selection: string;
  value: () => unknown;
  /** Other arguments, inlined in both forms. */
  others?: () => string;
  refusedField: string;
  shown: string;
}

const cases: Case[] = [
  {
    name: 'a month 13 in a Date',
    as: 'owner',
    field: 'registerPet',
    argument: 'input',
    type: 'RegisterPetInput!',
    selection: '{ id }',
    value: () => ({ ...PET, birthDate: '2024-13-45' }),
    refusedField: 'input.birthDate',
    shown: '"2024-13-45"',
  },
  {
    name: 'February 30 in a Date',
    as: 'owner',
    field: 'registerPet',
    argument: 'input',
    type: 'RegisterPetInput!',
    selection: '{ id }',
    value: () => ({ ...PET, birthDate: '2023-02-30' }),
    refusedField: 'input.birthDate',
    shown: '"2023-02-30"',
  },
  {
    name: 'a word in a Date',
    as: 'owner',
    field: 'registerPet',
    argument: 'input',
    type: 'RegisterPetInput!',
    selection: '{ id }',
    value: () => ({ ...PET, birthDate: 'yesterday' }),
    refusedField: 'input.birthDate',
    shown: '"yesterday"',
  },
  {
    name: 'year 0 in a Date',
    as: 'owner',
    field: 'updatePet',
    argument: 'input',
    type: 'UpdatePetInput!',
    selection: '{ id }',
    value: () => ({ birthDate: '0000-01-01' }),
    others: () => `id: "${petId}"`,
    refusedField: 'input.birthDate',
    shown: '"0000-01-01"',
  },
  {
    name: 'a Date argument of a query',
    as: 'registrar',
    field: 'vaccinationsDue',
    argument: 'before',
    type: 'Date!',
    selection: '{ id }',
    value: () => '2027-99-99',
    refusedField: 'before',
    shown: '"2027-99-99"',
  },
  {
    name: 'a word in a DateTime',
    as: 'admin',
    field: 'setMembership',
    argument: 'expiresAt',
    type: 'DateTime',
    selection: '{ id }',
    value: () => 'tomorrow',
    others: () => `ownerId: "${owner.id}", level: PLUS`,
    refusedField: 'expiresAt',
    shown: '"tomorrow"',
  },
  {
    name: 'year 0 in a DateTime',
    as: 'registrar',
    field: 'reportLostPet',
    argument: 'input',
    type: 'ReportLostPetInput!',
    selection: '{ id }',
    value: () => ({ petId, lostDate: '0000-01-01T00:00:00Z', lastSeenLocation: { description: 'park' }, physicalDescription: 'brown' }),
    refusedField: 'input.lostDate',
    shown: '"0000-01-01T00:00:00Z"',
  },
  {
    name: 'a string in a JSONObject',
    as: 'owner',
    field: 'updateOwner',
    argument: 'input',
    type: 'UpdateOwnerInput!',
    selection: '{ id }',
    value: () => ({ dataSharing: 'yes' }),
    others: () => `id: "${owner.id}"`,
    refusedField: 'input.dataSharing',
    shown: '"yes"',
  },
  {
    name: 'NUL in a text',
    as: 'owner',
    field: 'registerPet',
    argument: 'input',
    type: 'RegisterPetInput!',
    selection: '{ id }',
    value: () => ({ ...PET, name: 'Re\u0000x' }),
    refusedField: 'input.name',
    shown: 'NUL',
  },
  {
    name: 'NUL in a list item',
    as: 'owner',
    field: 'updatePet',
    argument: 'input',
    type: 'UpdatePetInput!',
    selection: '{ id }',
    value: () => ({ breed: ['Lab', 'Coll\u0000ie'] }),
    others: () => `id: "${petId}"`,
    refusedField: 'input.breed[1]',
    shown: 'NUL',
  },
  {
    name: '101 breeds',
    as: 'owner',
    field: 'updatePet',
    argument: 'input',
    type: 'UpdatePetInput!',
    selection: '{ id }',
    value: () => ({ breed: Array.from({ length: 101 }, (_, i) => `Breed ${i}`) }),
    others: () => `id: "${petId}"`,
    refusedField: 'input.breed',
    shown: 'got 101',
  },
];

async function pets(): Promise<number> {
  return (await stack.subgraphs.core!.sql.query(ALL_PETS_OF_OWNER)).rows[0].n;
}

describe.each(['variable', 'inline'] as const)('a bad scalar value sent %s', (form) => {
  it.each(cases)('$name is BAD_USER_INPUT naming the field and the value, HTTP 400, nothing written', async (c) => {
    const isMutation = c.field !== 'vaccinationsDue';
    const others = c.others ? `${c.others()}, ` : '';
    const query =
      form === 'variable'
        ? `${isMutation ? 'mutation' : 'query'}($v: ${c.type}) { ${c.field}(${others}${c.argument}: $v) ${c.selection} }`
        : `${isMutation ? 'mutation' : 'query'} { ${c.field}(${others}${c.argument}: ${literal(c.value())}) ${c.selection} }`;
    const before = await pets();
    const {
      rows: [ownerBefore],
    } = await stack.subgraphs.core!.sql.query('select version from core.owners where id = $1', [owner.id]);
    const res = await stack.query(query, form === 'variable' ? { v: JSON.parse(JSON.stringify(c.value())) } : {}, tokens[c.as]);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: c.refusedField });
    expect(error!.message.startsWith(`${c.refusedField}: `)).toBe(true);
    expect(error!.message).toContain(c.shown);
    expect(await pets()).toBe(before);
    const {
      rows: [ownerAfter],
    } = await stack.subgraphs.core!.sql.query('select version from core.owners where id = $1', [owner.id]);
    expect(ownerAfter).toEqual(ownerBefore);
  });
});

it('the same values, made good, are accepted (the refusals are about the values)', async () => {
  const data = await must(
    stack,
    `mutation($i: RegisterPetInput!) { registerPet(input: $i) { birthDate } }`,
    { i: { ...PET, species: 'DOG', sex: 'MALE', birthDate: '2024-02-29' } },
    tokens.owner,
  );
  expect(data.registerPet.birthDate).toBe('2024-02-29');
  const due = await stack.query(`{ vaccinationsDue(before: "2199-12-31") { id } }`, {}, tokens.registrar);
  expect(due.errors).toBeUndefined();
  const shared = await must(
    stack,
    `mutation($id: ID!) { updateOwner(id: $id, input: { dataSharing: { care: true } }) { dataSharing } }`,
    { id: owner.id },
    tokens.owner,
  );
  expect(shared.updateOwner.dataSharing).toEqual({ care: true });
});
