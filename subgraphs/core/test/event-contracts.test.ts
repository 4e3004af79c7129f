import { asc } from 'drizzle-orm';
import { contractOf, registryContract } from '@psa/events';
import { subgraphUnderTest, type ResponseTree, type SubgraphUnderTest } from '@psa/testing';
import { core } from '../src';
import { coreOutbox } from '../src/outbox';
import { registryProjection } from '../src/modules/pets/registry-projection';
import { outgoingMail } from '../src/modules/email/tables';

/**
 * Core's events against their contracts: core's real mutations run in process (PGlite), then every row they
 * wrote to the outbox is read with its topic's contract. A payload that disagrees with the contract (a renamed,
 * missing or retyped field, a field the contract does not declare) fails here, before any division sees it.
 */
let subject: SubgraphUnderTest;
const alice = { subject: 'contract-alice' };
const bob = { subject: 'contract-bob' };
const admin = { subject: 'contract-admin', roles: ['admin'] };

beforeAll(async () => {
  subject = await subgraphUnderTest(core);
}, 60_000);
afterAll(() => subject?.close());

async function must<T = ResponseTree>(query: string, variables: Record<string, unknown>, as: { subject: string; roles?: string[] }): Promise<T> {
  const res = await subject.run<T>(query, variables, as);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

it('every event core writes to its outbox, for every event type, reads back unchanged through its topic contract', async () => {
  const createOwner = `mutation($i: CreateOwnerInput!) { createOwner(input: $i) { id } }`;
  const a = (
    await must(
      createOwner,
      {
        i: {
          email: 'alice@example.com',
          firstName: 'Alice',
          lastName: 'Ng',
          phone: '+15550100',
          middleName: 'Q',
          street1: '1 Main St',
          city: 'Springfield',
          state: 'IL',
          postalCode: '62701',
          dataSharing: { licensure: true },
        },
      },
      alice,
    )
  ).createOwner.id;
  const b = (await must(createOwner, { i: { email: 'bob@example.com', firstName: 'Bob', lastName: 'Ray' } }, bob)).createOwner.id;
  await must(`mutation($id: ID!) { updateOwner(id: $id, input: { phone: "+15550199" }) { id } }`, { id: a }, alice);
  await must(`mutation { requestEmailVerification }`, {}, alice);
  const [mail] = await subject.db.select({ body: outgoingMail.body }).from(outgoingMail);
  await must(`mutation($c: String!) { verifyEmail(code: $c) { id } }`, { c: /\d{6}/.exec(mail!.body)![0] }, alice);
  await must(`mutation($id: ID!) { setMembership(ownerId: $id, level: PLUS, expiresAt: "2030-01-01T00:00:00Z") { id } }`, { id: a }, admin);

  const household = (await must(`mutation { createHousehold(name: "Ng-Ray") { id } }`, {}, alice)).createHousehold.id;
  await must(`mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o) { id } }`, { h: household, o: b }, alice);
  await must(`mutation($h: ID!, $o: ID!) { changeHouseholdMemberRole(householdId: $h, ownerId: $o, role: CAREGIVER) { id } }`, { h: household, o: b }, alice);

  const register = `mutation($i: RegisterPetInput!) { registerPet(input: $i) { id } }`;
  const pet = (
    await must(
      register,
      {
        i: {
          name: 'Rex',
          species: 'DOG',
          sex: 'MALE',
          birthDate: '2020-01-01',
          weight: 40,
          height: 22.5,
          breed: ['Collie'],
          color: ['black', 'white'],
          markings: 'white paw',
          microchipNumber: '985112345678901',
          emergencyContacts: [
            { name: 'Ann', phone: '+15550111', relationship: 'sister' },
            { name: 'Joe', phone: '+15550112' },
          ],
        },
      },
      alice,
    )
  ).registerPet.id;
  await must(`mutation($id: ID!) { updatePet(id: $id, input: { weight: 41 }) { id } }`, { id: pet }, alice);
  await must(`mutation($id: ID!) { changePetStatus(id: $id, status: LOST) { id } }`, { id: pet }, alice);
  await must(`mutation($id: ID!, $h: ID) { assignPetToHousehold(petId: $id, householdId: $h) { id } }`, { id: pet, h: household }, alice);
  // Licensure's registry number reaches the pet through core's registry projection, which publishes pet.updated.
  await registryProjection.apply(subject.db, [
    registryContract.envelope({
      type: 'registry.updated',
      aggregateId: pet,
      version: 1,
      payload: { petId: pet, registryNumber: 'REG-1', licenseNumber: 'LIC-1' },
    }),
  ]);
  await must(`mutation($h: ID!, $o: ID!) { removeHouseholdMember(householdId: $h, ownerId: $o) }`, { h: household, o: b }, alice);
  await must(`mutation($id: ID!, $to: ID!) { transferPet(id: $id, toOwnerId: $to) { id } }`, { id: pet, to: b }, alice);
  await must(`mutation($id: ID!) { deletePet(id: $id) }`, { id: pet }, bob);

  const rows = await subject.db.select().from(coreOutbox.table).orderBy(asc(coreOutbox.table.id));
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.envelope === null) continue; // the tombstone after a delete
    const contract = contractOf(row.topic);
    const event = contract.parse(row.envelope);
    // Nothing stripped: core publishes exactly the fields the contract declares, at its current version.
    expect({ topic: row.topic, type: event.type, payload: event.payload }).toEqual({
      topic: row.topic,
      type: row.envelope.type,
      payload: row.envelope.payload,
    });
    expect(row.envelope.schemaVersion).toBe(contract.schemaVersion);
    expect(row.key).toBe(event.aggregateId);
    seen.add(`${row.topic} ${event.type}`);
  }
  expect([...seen].sort()).toEqual([
    'core.household household.created',
    'core.household household.updated',
    'core.owner owner.created',
    'core.owner owner.updated',
    // Alice lets licensure hold her personal data, Bob no division; every division hears from both.
    'core.owner-personal.care owner.personal_data_withheld',
    'core.owner-personal.food owner.personal_data_withheld',
    'core.owner-personal.foundation owner.personal_data_withheld',
    'core.owner-personal.grooming owner.personal_data_withheld',
    'core.owner-personal.healthcare owner.personal_data_withheld',
    'core.owner-personal.licensure owner.personal_data_shared',
    'core.owner-personal.licensure owner.personal_data_withheld',
    'core.owner-personal.training owner.personal_data_withheld',
    'core.pet pet.deleted',
    'core.pet pet.registered',
    'core.pet pet.status_changed',
    'core.pet pet.transferred',
    'core.pet pet.updated',
  ]);
  // Names and contact details travel only on the topic of a division the owner consents to.
  const carrying = rows.filter((r) => JSON.stringify(r.envelope ?? {}).includes('alice@example.com')).map((r) => `${r.topic} ${r.envelope!.type}`);
  expect(new Set(carrying)).toEqual(new Set(['core.owner-personal.licensure owner.personal_data_shared']));
  const personal = ['email', 'phone', 'firstName', 'lastName', 'middleName', 'street1', 'street2', 'city', 'state', 'postalCode', 'country'];
  for (const row of rows.filter((r) => r.topic === 'core.owner')) expect(Object.keys(row.envelope!.payload).filter((k) => personal.includes(k))).toEqual([]);
  // The nullable instants were written too, not only their nulls.
  const verified = rows.filter((r) => r.envelope?.type === 'owner.updated' && r.key === a).at(-1)!.envelope!.payload;
  expect(verified).toMatchObject({ emailVerifiedAt: expect.any(String), membershipExpiresAt: '2030-01-01T00:00:00.000Z', membershipLevel: 'PLUS' });
}, 60_000);
