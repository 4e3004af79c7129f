import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startGateway } from '@psa/gateway';
import { IDENTITY_HEADER, signIdentity } from '@psa/identity';
import { postGraphQL, postRaw, startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, snapshotDatabases, type TestOwner } from './helpers';

let stack: TestStack;
let alice: TestOwner;
let bob: TestOwner;
let bobsPet: string;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  alice = await createOwner(stack, 'alice');
  bob = await createOwner(stack, 'bob');
  bobsPet = await registerPet(stack, bob, { name: 'Bobby', microchipNumber: '985112000000901' });
  registrar = await stack.token('registrar-a', ['registrar']);
  await must(stack, `mutation($i: RegisterPetInRegistryInput!) { registerPetInRegistry(input: $i) { id } }`, { i: { petId: bobsPet } }, registrar);
  await must(
    stack,
    `mutation($i: AddVaccinationInput!) { addVaccination(input: $i) { id } }`,
    { i: { petId: bobsPet, vaccineName: 'Rabies', vaccineType: 'CORE', administeredDate: '2026-01-01', administeredBy: 'Dr. Ames' } },
    registrar,
  );
});
afterAll(() => stack?.close());

const NOBODY = '00000000-0000-4000-8000-000000000000';
const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

describe('owner A asking for owner B', () => {
  // What a viewer may not see does not exist for them: reads answer null, exactly as for an id that exists nowhere.
  it.each([
    ['profile', `{ owner(id: BOB) { email } }`, 'owner'],
    ['pet', `{ pet(id: PET) { name } }`, 'pet'],
    ['records through the pet', `{ pet(id: PET) { vaccinations { id } healthRecords { id } } }`, 'pet'],
    ['licences through the pet', `{ pet(id: PET) { licenses { id } registry { registryNumber } } }`, 'pet'],
    ['pets through the profile', `{ owner(id: BOB) { pets { id } } }`, 'owner'],
    ['the pet by its microchip', `{ petByMicrochip(microchipNumber: "985112000000901") { id name } }`, 'petByMicrochip'],
  ])('reads nothing: %s is null, as for an id that does not exist', async (_what, query, field) => {
    const res = await stack.query(query.replaceAll('BOB', `"${bob.id}"`).replaceAll('PET', `"${bobsPet}"`), {}, alice.token);
    expect(res).toEqual({ status: 200, data: { [field]: null } });
    const missing = await stack.query(
      query.replaceAll('BOB', `"${NOBODY}"`).replaceAll('PET', `"${NOBODY}"`).replace('985112000000901', '985112000000999'),
      {},
      alice.token,
    );
    expect(missing).toEqual(res);
  });

  it.each([
    ['update the pet', `mutation { updatePet(id: PET, input: { name: "Mine" }) { id } }`, 'NOT_FOUND'],
    ['change its status', `mutation { changePetStatus(id: PET, status: LOST) { id } }`, 'NOT_FOUND'],
    ['transfer it', `mutation { transferPet(id: PET, toOwnerId: BOB) { id } }`, 'NOT_FOUND'],
    ['delete it', `mutation { deletePet(id: PET) }`, 'NOT_FOUND'],
    ['update the profile', `mutation { updateOwner(id: BOB, input: { firstName: "Eve" }) { id } }`, 'NOT_FOUND'],
    ['set a membership without the admin role', `mutation { setMembership(ownerId: BOB, level: PREMIUM) { id } }`, 'FORBIDDEN'],
    [
      'vaccinate it without the registrar role',
      `mutation { addVaccination(input: { petId: PET, vaccineName: "X", vaccineType: CORE, administeredDate: "2026-01-01", administeredBy: "me" }) { id } }`,
      'FORBIDDEN',
    ],
    ['register it in the registry', `mutation { registerPetInRegistry(input: { petId: PET }) { id } }`, 'FORBIDDEN'],
    ['list vaccinations due', `{ vaccinationsDue(before: "2030-01-01") { id } }`, 'FORBIDDEN'],
  ])('is refused and writes nothing anywhere: %s (%s)', async (_what, query, code) => {
    const before = await snapshotDatabases(stack);
    const res = await stack.query(query.replaceAll('BOB', `"${bob.id}"`).replaceAll('PET', `"${bobsPet}"`), {}, alice.token);
    expect(res.errors).toHaveLength(1);
    expect(codeOf(res)).toBe(code);
    expect(res.data === null || res.data === undefined || Object.values(res.data).every((v) => v === null)).toBe(true);
    expect(await snapshotDatabases(stack)).toEqual(before);
  });

  it('a household member sees a pet of the household but may not change it: FORBIDDEN, nothing written', async () => {
    const { createHousehold } = await must(stack, `mutation { createHousehold(name: "Shared") { id } }`, {}, bob.token);
    await must(
      stack,
      `mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o) { id } }`,
      { h: createHousehold.id, o: alice.id },
      bob.token,
    );
    const shared = await registerPet(stack, bob, { name: 'Shared', householdId: createHousehold.id });
    const seen = await must(stack, `query($p: ID!) { pet(id: $p) { name owner { id } } }`, { p: shared }, alice.token);
    expect(seen.pet).toEqual({ name: 'Shared', owner: null });
    const before = await snapshotDatabases(stack);
    const res = await stack.query(`mutation($p: ID!) { updatePet(id: $p, input: { name: "Mine" }) { id } }`, { p: shared }, alice.token);
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(await snapshotDatabases(stack)).toEqual(before);
  });

  it('lets B and an admin see the same data', async () => {
    const query = `query($p: ID!) { pet(id: $p) { name vaccinations { vaccineName } } }`;
    const own = await must(stack, query, { p: bobsPet }, bob.token);
    const admin = await must(stack, query, { p: bobsPet }, await stack.token('admin-a', ['admin']));
    expect(own.pet).toEqual({ name: 'Bobby', vaccinations: [{ vaccineName: 'Rabies' }] });
    expect(admin).toEqual(own);
  });

  it('refuses anonymous callers with UNAUTHENTICATED and bad tokens with 401', async () => {
    expect(codeOf(await stack.query(`{ me { id } }`))).toBe('UNAUTHENTICATED');
    const forged = await postGraphQL(stack.gatewayUrl, { query: '{ me { id } }' }, { authorization: 'Bearer not.a.jwt' });
    expect(forged.status).toBe(401);
    expect(codeOf(forged)).toBe('UNAUTHENTICATED');
  });
});

describe('attempts found in review', () => {
  it('adding someone to your household does not expose their profile or pets', async () => {
    const { createHousehold } = await must(stack, `mutation { createHousehold(name: "Trap") { id } }`, {}, alice.token);
    await must(
      stack,
      `mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o) { id } }`,
      { h: createHousehold.id, o: bob.id },
      alice.token,
    );
    const profile = await stack.query(`query($b: ID!) { owner(id: $b) { email } }`, { b: bob.id }, alice.token);
    expect(profile).toEqual({ status: 200, data: { owner: null } });
    const { household } = await must(
      stack,
      `query($h: ID!) { household(id: $h) { members { displayName owner { email street1 } } pets { id } } }`,
      { h: createHousehold.id },
      alice.token,
    );
    expect(household.members).toEqual([
      { displayName: 'Test a.', owner: { email: 'alice@example.com', street1: null } },
      { displayName: 'Test b.', owner: null },
    ]);
    expect(household.pets).toEqual([]);
  });

  it('a DECEASED pet cannot be revived by a second mutation of the same operation', async () => {
    const pet = await registerPet(stack, alice, { name: 'Ghost' });
    const res = await stack.query(
      `mutation($p: ID!) { a: changePetStatus(id: $p, status: DECEASED) { status } b: changePetStatus(id: $p, status: ACTIVE) { status } }`,
      { p: pet },
      alice.token,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    const { rows } = await stack.subgraphs.core!.sql.query('select status from core.pets where id = $1', [pet]);
    expect(rows[0].status).toBe('DECEASED');
  });

  it('an id that is not a UUID finds nothing and does not fail the other lookups of the batch', async () => {
    const res = await stack.query(`query($p: ID!) { a: pet(id: "nope") { id } b: pet(id: $p) { name } }`, { p: bobsPet }, bob.token);
    expect(res).toEqual({ status: 200, data: { a: null, b: { name: 'Bobby' } } });
    const licence = await stack.query(`mutation { revokeLicense(id: "nope") { id } }`, {}, registrar);
    expect(codeOf(licence)).toBe('BAD_USER_INPUT');
  });

  it('a registrar writing a record gets it back even though core does not show them the pet', async () => {
    const pet = await registerPet(stack, bob, { name: 'Recorded' });
    await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: pet }, registrar);
    const res = await stack.query(
      `mutation($p: ID!) { addVaccination(input: { petId: $p, vaccineName: "Lepto", vaccineType: NON_CORE, administeredDate: "2026-01-02", administeredBy: "Dr. Ames" }) { vaccineName pet { name } } }`,
      { p: pet },
      registrar,
    );
    expect(res.data.addVaccination).toEqual({ vaccineName: 'Lepto', pet: null });
  });

  it('subgraph failures reach clients coded, without internal addresses', async () => {
    const broken = await startGateway({
      jwtSecret: stack.jwtSecret,
      identitySecret: stack.identitySecret,
      subgraphUrls: { core: 'http://127.0.0.1:1/graphql', licensure: 'http://127.0.0.1:1/graphql' },
    });
    try {
      const res = await postGraphQL(broken.url, { query: '{ species { name } }' });
      expect(res.status).toBe(200);
      expect(res.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['SUBGRAPH_UNAVAILABLE', ['species']]]);
      expect(JSON.stringify(res.errors)).not.toContain('127.0.0.1');
    } finally {
      await broken.close();
    }
  });
});

describe('reference resolvers apply the same rules', () => {
  const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pet { id vaccinations { vaccineName } } } }`;
  const as = (subject: string, roles: string[] = []) => ({ subject, roles });

  it("core resolves B's pet, profile and household to null for A, and to the row for B", async () => {
    const { createHousehold } = await must(stack, `mutation { createHousehold(name: "Bob's") { id } }`, {}, bob.token);
    const representations = [
      { __typename: 'Pet', id: bobsPet },
      { __typename: 'Owner', id: bob.id },
      { __typename: 'Household', id: createHousehold.id },
    ];
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pet { name } ... on Owner { email } ... on Household { name } } }`;
    const asAlice = await stack.asGateway('core', { query, variables: { r: representations } }, as('alice'));
    expect(asAlice).toMatchObject({ status: 200, data: { _entities: [null, null, null] } });
    const asBob = await stack.asGateway('core', { query, variables: { r: representations } }, as('bob'));
    expect(asBob).toMatchObject({ status: 200, data: { _entities: [{ name: 'Bobby' }, { email: 'bob@example.com' }, { name: "Bob's" }] } });
  });

  it("licensure shows records only with core's grant for this viewer and this pet; a caller cannot forge or reuse one", async () => {
    // Core's real grant for Bob and his pet, as the gateway would carry it.
    const granted = await stack.asGateway(
      'core',
      {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pet { viewerAccess } } }`,
        variables: { r: [{ __typename: 'Pet', id: bobsPet }] },
      },
      as('bob'),
    );
    const grant = granted.data._entities[0].viewerAccess as string;
    expect(grant).toMatch(/^\d+\.[\w-]+\.[\w-]+$/);
    const withGrant = await stack.asGateway(
      'licensure',
      { query: entities, variables: { r: [{ __typename: 'Pet', id: bobsPet, viewerAccess: grant }] } },
      as('bob'),
    );
    expect(withGrant.status).toBe(200);
    expect(withGrant.data._entities[0].vaccinations).toContainEqual({ vaccineName: 'Rabies' });

    const alicesPet = await registerPet(stack, alice, { name: 'Alicia' });
    const attempts: [string, Record<string, unknown>, string][] = [
      ['no grant', { __typename: 'Pet', id: bobsPet }, 'alice'],
      ['a true written by the caller', { __typename: 'Pet', id: bobsPet, viewerAccess: true }, 'alice'],
      ['a string written by the caller', { __typename: 'Pet', id: bobsPet, viewerAccess: 'true' }, 'alice'],
      ["Bob's grant, replayed by Alice", { __typename: 'Pet', id: bobsPet, viewerAccess: grant }, 'alice'],
      ["Bob's grant for his pet, used for another pet", { __typename: 'Pet', id: alicesPet, viewerAccess: grant }, 'bob'],
    ];
    for (const [what, representation, subject] of attempts) {
      const res = await stack.asGateway('licensure', { query: entities, variables: { r: [representation] } }, as(subject));
      expect([what, codeOf(res), JSON.stringify(res.data ?? null).includes('Rabies')]).toEqual([what, 'FORBIDDEN', false]);
    }
  });
});

describe('subgraphs without the gateway', () => {
  it.each(['core', 'licensure'])('%s refuses unsigned, mis-signed and forged requests, _service and _entities included', async (name) => {
    const url = stack.subgraphs[name]!.url;
    const body = { query: '{ _service { sdl } }' };
    const bound = { audience: name, body: JSON.stringify(body) };
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      await postGraphQL(url, body),
      await postGraphQL(url, { query: '{ _entities(representations: [{ __typename: "Pet", id: "x" }]) { __typename } }' }),
      await postRaw(url, bound.body, signIdentity({ subject: 'admin', roles: ['admin'] }, 'x'.repeat(32), bound)),
      await postRaw(url, bound.body, {
        ...signIdentity({ subject: 'a', roles: [] }, stack.identitySecret, bound),
        [IDENTITY_HEADER]: Buffer.from(JSON.stringify({ sub: 'a', roles: ['admin'] })).toString('base64url'),
      }),
      await postRaw(url, bound.body, signIdentity({ subject: 'a', roles: [] }, stack.identitySecret, bound, now - 31)),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.data).toBeUndefined();
    }
    const signed = await stack.asGateway(name, body, { subject: null, roles: [] });
    expect(signed.data._service.sdl).toContain('@key');
  });

  it('a header captured on its way to core is worth nothing for another query, for licensure, or as a GET', async () => {
    const captured = await stack.asGateway('core', { query: '{ me { id } }' }, { subject: 'alice', roles: [] });
    expect(captured.data).toEqual({ me: { id: alice.id } });
    const otherQuery = await postRaw(stack.subgraphs.core!.url, JSON.stringify({ query: `{ owner(id: "${bob.id}") { email } }` }), captured.headers);
    const sameQueryElsewhere = await postRaw(stack.subgraphs.licensure!.url, JSON.stringify({ query: '{ me { id } }' }), captured.headers);
    const otherVariables = await postRaw(stack.subgraphs.core!.url, JSON.stringify({ query: '{ me { id } }', variables: { x: 1 } }), captured.headers);
    for (const res of [otherQuery, sameQueryElsewhere, otherVariables]) {
      expect(res.status).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    const get = await fetch(`${stack.subgraphs.core!.url}?query=${encodeURIComponent('{ me { id } }')}`, { headers: captured.headers });
    expect(get.status).toBe(405);
  });

  it('answer /health and /ready without a signature and carry no data there', async () => {
    for (const subgraph of Object.values(stack.subgraphs)) {
      const base = subgraph.url.replace(/\/graphql$/, '');
      expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${base}/ready`)).json()).toEqual({ status: 'ready' });
    }
  });
});
