import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, snapshotDatabases, type TestOwner } from './helpers';

/** The writes no other suite exercises, read back through the gateway as their owner sees them. */
let stack: TestStack;
let owner: TestOwner;
let registrar: string;
let admin: string;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  owner = await createOwner(stack, 'records-owner');
  registrar = await stack.token('records-registrar', ['registrar']);
  admin = await stack.token('records-admin', ['admin']);
});
afterAll(() => stack?.close());

async function registeredPet(name: string): Promise<string> {
  const petId = await registerPet(stack, owner, { name });
  await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: petId }, registrar);
  return petId;
}

it('a registrar adds a certification; the owner reads it on the pet, unverified', async () => {
  const petId = await registeredPet('Certified');
  const input = {
    petId,
    type: 'THERAPY_DOG',
    name: 'Therapy Dog Level 1',
    description: 'Hospital visits',
    issuedBy: 'J. Park',
    issuingOrganization: 'Pet Partners',
    certificationNumber: 'TD-1001',
    issuedDate: '2026-03-01',
    expiresDate: '2028-03-01',
    renewalRequired: true,
    documentUrls: ['https://example.org/td-1001.pdf'],
  };
  const added = await must(stack, `mutation($i: AddCertificationInput!) { addCertification(input: $i) { id } }`, { i: input }, registrar);
  const { pet } = await must(
    stack,
    `query($p: ID!) { pet(id: $p) { certifications { id type name description issuedBy issuingOrganization certificationNumber issuedDate expiresDate renewalRequired documentUrls verified } } }`,
    { p: petId },
    owner.token,
  );
  const { petId: _pet, ...shown } = input;
  expect(pet.certifications).toEqual([{ id: added.addCertification.id, ...shown, verified: false }]);
});

it('a registrar adds a health record with medications; the owner reads it on the pet', async () => {
  const petId = await registeredPet('Treated');
  const input = {
    petId,
    recordType: 'MEDICATION',
    title: 'Ear infection',
    description: 'Left ear',
    date: '2026-04-02',
    veterinarianId: 'vet-17',
    clinicName: 'Pike Street Vets',
    medications: [{ name: 'Otomax', dosage: '4 drops', frequency: 'twice daily', startDate: '2026-04-02', endDate: '2026-04-12' }],
    allergies: ['penicillin'],
    conditions: ['otitis externa'],
    documentUrls: [],
    immutable: true,
  };
  const added = await must(stack, `mutation($i: AddHealthRecordInput!) { addHealthRecord(input: $i) { id } }`, { i: input }, registrar);
  const { pet } = await must(
    stack,
    `query($p: ID!) { pet(id: $p) { healthRecords { id recordType title description date veterinarianId clinicName medications { name dosage frequency startDate endDate } allergies conditions documentUrls immutable } } }`,
    { p: petId },
    owner.token,
  );
  const { petId: _pet, ...shown } = input;
  expect(pet.healthRecords).toEqual([{ id: added.addHealthRecord.id, ...shown }]);
});

it('an owner may not add either record to their own pet: FORBIDDEN, nothing written', async () => {
  const petId = await registeredPet('Self-certified');
  const before = await snapshotDatabases(stack);
  const certification = await stack.query(
    `mutation($p: ID!) { addCertification(input: { petId: $p, type: GOOD_CITIZEN, name: "CGC", issuedBy: "me", issuedDate: "2026-01-01" }) { id } }`,
    { p: petId },
    owner.token,
  );
  const record = await stack.query(
    `mutation($p: ID!) { addHealthRecord(input: { petId: $p, recordType: EXAM, title: "Checkup", date: "2026-01-01" }) { id } }`,
    { p: petId },
    owner.token,
  );
  expect([certification.errors?.[0]?.extensions?.code, record.errors?.[0]?.extensions?.code]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  expect(await snapshotDatabases(stack)).toEqual(before);
});

it('an admin sets a membership; the owner sees it, and divisions get the change', async () => {
  const data = await must(
    stack,
    `mutation($o: ID!) { setMembership(ownerId: $o, level: PREMIUM, expiresAt: "2027-12-31T23:59:59Z") { membershipLevel membershipExpiresAt } }`,
    { o: owner.id },
    admin,
  );
  expect(data.setMembership).toEqual({ membershipLevel: 'PREMIUM', membershipExpiresAt: '2027-12-31T23:59:59.000Z' });
  expect((await must(stack, '{ me { membershipLevel } }', {}, owner.token)).me).toEqual({ membershipLevel: 'PREMIUM' });
  await stack.settle();
  const { rows } = await stack.subgraphs.core!.sql.query(
    `select envelope->'payload'->>'membershipLevel' as level from core.outbox where key = $1 and topic = 'core.owner' order by id desc limit 1`,
    [owner.id],
  );
  expect(rows).toEqual([{ level: 'PREMIUM' }]);
});

it('an unexpected failure inside a subgraph reaches the client as INTERNAL_SERVER_ERROR, with nothing of the cause', async () => {
  const petId = await registeredPet('Broken');
  // A fault the code cannot expect: the table a field reads is gone.
  await stack.subgraphs.licensure!.sql.query('alter table licensure.certifications rename to certifications_gone');
  try {
    const res = await stack.query(`query($p: ID!) { pet(id: $p) { name certifications { id } } }`, { p: petId }, owner.token);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ pet: { name: 'Broken', certifications: null } });
    expect(res.errors).toEqual([{ message: 'internal server error', path: ['pet', 'certifications'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  } finally {
    await stack.subgraphs.licensure!.sql.query('alter table licensure.certifications_gone rename to certifications');
  }
});

it("Pet.viewerAccess, core's answer to divisions, cannot be asked for through the gateway", async () => {
  const petId = await registerPet(stack, owner, { name: 'Secretive' });
  const res = await stack.query(`query($p: ID!) { pet(id: $p) { viewerAccess } }`, { p: petId }, owner.token);
  expect(res.status).toBe(400);
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(res.errors?.[0]?.message).toContain('Cannot query field "viewerAccess" on type "Pet"');
});
