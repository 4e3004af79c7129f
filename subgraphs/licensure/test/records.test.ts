import { randomUUID } from 'node:crypto';
import { subgraphUnderTest, type SubgraphUnderTest } from '@psa/testing';
import { licensure } from '../src';

/** Licensure's records under core's access answer, in process: the copies it keeps are written directly here. */
let subject: SubgraphUnderTest;
const registrar = { subject: 'fast-registrar', roles: ['registrar'] };
const petId = randomUUID();

beforeAll(async () => {
  subject = await subgraphUnderTest(licensure);
  // What the projector would have copied from core: an owner's live pet.
  await subject.db.execute(
    `insert into licensure.pet_copies (id, version, owner_id, name, species, status) values ('${petId}', 1, '${randomUUID()}', 'Rex', 'DOG', 'ACTIVE')` as never,
  );
  const registered = await subject.run(`mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { registryNumber } }`, { p: petId }, registrar);
  expect(registered.errors).toBeUndefined();
}, 60_000);
afterAll(() => subject?.close());

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pet { registry { registryNumber status } } } }`;

it("the owner reads the registry entry with core's grant for them and this pet", async () => {
  const res = await subject.run(
    ENTITIES,
    { r: [{ __typename: 'Pet', id: petId, viewerAccess: subject.grant('Pet', petId, 'owner-1') }] },
    { subject: 'owner-1' },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data._entities[0].registry).toEqual({ registryNumber: expect.stringMatching(/^PSA-\d{8}$/), status: 'ACTIVE' });
});

it.each([
  ['no grant', () => ({ __typename: 'Pet', id: petId })],
  ['a grant made for someone else', () => ({ __typename: 'Pet', id: petId, viewerAccess: subject.grant('Pet', petId, 'owner-2') })],
  ['a grant for another pet', () => ({ __typename: 'Pet', id: petId, viewerAccess: subject.grant('Pet', randomUUID(), 'owner-1') })],
  ['a grant for an owner, not a pet', () => ({ __typename: 'Pet', id: petId, viewerAccess: subject.grant('Owner', petId, 'owner-1') })],
  ['true, written by the caller', () => ({ __typename: 'Pet', id: petId, viewerAccess: 'true' })],
])('refuses the records with %s: FORBIDDEN, nothing shown', async (_what, representation) => {
  const res = await subject.run(ENTITIES, { r: [representation()] }, { subject: 'owner-1' });
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  expect(JSON.stringify(res.data)).not.toContain('PSA-');
});

it("registrars read every pet's records without a grant", async () => {
  const res = await subject.run(ENTITIES, { r: [{ __typename: 'Pet', id: petId }] }, registrar);
  expect(res.errors).toBeUndefined();
  expect(res.data._entities[0].registry.status).toBe('ACTIVE');
});

it('a second registry entry for the pet is CONFLICT naming input.petId', async () => {
  const res = await subject.run(`mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: petId }, registrar);
  expect(res.errors?.[0]).toMatchObject({ message: `input.petId: pet ${petId} is already registered`, extensions: { code: 'CONFLICT', field: 'input.petId' } });
});
