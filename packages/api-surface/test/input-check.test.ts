import { buildSchema, parse } from 'graphql';
import { checkOperationInput, DateScalar, DateTimeScalar, InputError, JSONObjectScalar, MAX_INPUT_LIST_ITEMS } from '../src';

const schema = buildSchema(`
  scalar Date
  scalar DateTime
  scalar JSONObject
  input Contact { name: String! phone: String! }
  input PetInput { name: String! birthDate: Date breed: [String!] contacts: [Contact!] sharing: JSONObject seenAt: DateTime }
  type Query { due(before: Date!): Int }
  type Mutation { register(input: PetInput!): Int tag(ids: [ID!]!): Int }
`);

function refusal(query: string, variables?: Record<string, unknown>): { field: string; message: string } | null {
  try {
    checkOperationInput(schema, parse(query), variables);
    return null;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: error.field, http: { status: 400 } });
    return { field: error.field, message: error.message };
  }
}

describe('checkOperationInput', () => {
  it.each([
    ['a month 13', 'query { due(before: "2027-13-45") }', 'before', '"2027-13-45"'],
    ['February 30', 'mutation { register(input: { name: "a", birthDate: "2023-02-30" }) }', 'input.birthDate', '"2023-02-30"'],
    ['a word', 'mutation { register(input: { name: "a", birthDate: "yesterday" }) }', 'input.birthDate', '"yesterday"'],
    ['year 0', 'mutation { register(input: { name: "a", birthDate: "0000-01-01" }) }', 'input.birthDate', '"0000-01-01"'],
    ['an instant without a zone', 'mutation { register(input: { name: "a", seenAt: "2026-01-01T10:00:00" }) }', 'input.seenAt', '"2026-01-01T10:00:00"'],
    ['a JSON string', 'mutation { register(input: { name: "a", sharing: "yes" }) }', 'input.sharing', '"yes"'],
    ['NUL in text', 'mutation { register(input: { name: "a\\u0000b" }) }', 'input.name', 'NUL'],
    [
      'NUL deep in a list of objects',
      'mutation { register(input: { name: "a", contacts: [{ name: "x", phone: "1" }, { name: "y", phone: "2\\u0000" }] }) }',
      'input.contacts[1].phone',
      'NUL',
    ],
  ])('refuses %s written inline, naming the field and the value', (_name, query, field, shown) => {
    const found = refusal(query);
    expect(found?.field).toBe(field);
    expect(found?.message).toContain(shown);
  });

  it.each([
    ['a month 13', { d: '2027-13-45' }, 'query($d: Date!) { due(before: $d) }', 'before'],
    ['February 30 inside an input', { i: { name: 'a', birthDate: '2023-02-30' } }, 'mutation($i: PetInput!) { register(input: $i) }', 'input.birthDate'],
    ['year 10000', { i: { name: 'a', birthDate: '10000-01-01' } }, 'mutation($i: PetInput!) { register(input: $i) }', 'input.birthDate'],
    ['a JSON array', { i: { name: 'a', sharing: ['care'] } }, 'mutation($i: PetInput!) { register(input: $i) }', 'input.sharing'],
    ['NUL in a JSON key', { i: { name: 'a', sharing: { 'ca\u0000re': true } } }, 'mutation($i: PetInput!) { register(input: $i) }', 'input.sharing'],
    ['NUL in an ID', { ids: ['a', 'b\u0000'] }, 'mutation($ids: [ID!]!) { tag(ids: $ids) }', 'ids[1]'],
    ['a variable inside an inline object', { d: '2023-02-30' }, 'mutation($d: Date) { register(input: { name: "a", birthDate: $d }) }', 'input.birthDate'],
  ])('refuses %s sent as a variable, naming the field', (_name, variables, query, field) => {
    expect(refusal(query, variables)?.field).toBe(field);
  });

  it('refuses a list longer than the limit, inline and in variables, and accepts one at the limit', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);
    expect(refusal('mutation($ids: [ID!]!) { tag(ids: $ids) }', { ids: ids(MAX_INPUT_LIST_ITEMS + 1) })).toEqual({
      field: 'ids',
      message: `ids: must hold at most ${MAX_INPUT_LIST_ITEMS} items, got ${MAX_INPUT_LIST_ITEMS + 1}`,
    });
    const inline = `mutation { register(input: { name: "a", breed: [${ids(MAX_INPUT_LIST_ITEMS + 1)
      .map((s) => `"${s}"`)
      .join(',')}] }) }`;
    expect(refusal(inline)?.field).toBe('input.breed');
    expect(refusal('mutation($ids: [ID!]!) { tag(ids: $ids) }', { ids: ids(MAX_INPUT_LIST_ITEMS) })).toBeNull();
  });

  it('refuses a JSON object with too many keys or too deep', () => {
    const wide = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, true]));
    expect(refusal('mutation($i: PetInput!) { register(input: $i) }', { i: { name: 'a', sharing: wide } })?.message).toContain('at most 100 keys');
    const deep = { a: { b: { c: { d: { e: { f: 1 } } } } } };
    expect(refusal('mutation($i: PetInput!) { register(input: $i) }', { i: { name: 'a', sharing: deep } })?.message).toContain('at most 5 levels');
  });

  it('accepts good values of every kind', () => {
    expect(refusal('query { due(before: "2024-02-29") }')).toBeNull();
    expect(
      refusal('mutation($i: PetInput!) { register(input: $i) }', {
        i: {
          name: 'Rex',
          birthDate: '1900-01-01',
          seenAt: '2026-05-01T09:30:00+02:00',
          sharing: { care: true },
          breed: ['Lab'],
          contacts: [{ name: 'x', phone: '1' }],
        },
      }),
    ).toBeNull();
  });
});

describe('the scalars', () => {
  it('parse to what resolvers expect and serialize back', () => {
    expect(DateScalar.parseValue('2024-02-29')).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(DateScalar.serialize('2024-02-29')).toBe('2024-02-29');
    expect(DateTimeScalar.parseValue('2026-05-01T09:30:00+02:00')).toEqual(new Date('2026-05-01T07:30:00Z'));
    expect(JSONObjectScalar.parseValue({ care: true })).toEqual({ care: true });
  });

  it('refuse the edges of the range', () => {
    expect(() => DateScalar.parseValue('1899-12-31')).toThrow('between 1900-01-01 and 2199-12-31, got "1899-12-31"');
    expect(() => DateScalar.parseValue('2200-01-01')).toThrow('got "2200-01-01"');
    expect(() => DateTimeScalar.parseValue('2200-01-01T00:00:00Z')).toThrow('got "2200-01-01T00:00:00Z"');
    expect(DateScalar.parseValue('2199-12-31')).toEqual(new Date('2199-12-31T00:00:00Z'));
  });
});
