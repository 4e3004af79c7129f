import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, issueLicence, must, registerPet, type TestOwner } from './helpers';

let stack: TestStack;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  registrar = await stack.token('registrar-1', ['registrar']);
});
afterAll(() => stack?.close());

async function registerInRegistry(petId: string) {
  return must(stack, `mutation($i: RegisterPetInRegistryInput!) { registerPetInRegistry(input: $i) { registryNumber } }`, { i: { petId } }, registrar);
}

describe('a federated query through the gateway', () => {
  // Each test gets an owner and a pet of its own, with a registry entry, a licence and a vaccination, so it
  // passes alone and in any order.
  let owner: TestOwner;
  let petId: string;
  let chip: string;
  let licenceNumber: string;
  let vaccinationId: string;
  let fixture = 0;

  beforeEach(async () => {
    fixture++;
    chip = `98511200000${String(fixture).padStart(4, '0')}`;
    licenceNumber = `SEA-2026-${String(fixture).padStart(4, '0')}`;
    owner = await createOwner(stack, `fed-owner-${fixture}`);
    petId = await registerPet(stack, owner, { name: 'Biscuit', microchipNumber: chip });
    await registerInRegistry(petId);
    await issueLicence(stack, petId, licenceNumber, registrar, { issuedDate: '2026-01-15', expiresDate: '2027-01-15' });
    const vaccinated = await must(
      stack,
      `mutation($i: AddVaccinationInput!) { addVaccination(input: $i) { id } }`,
      { i: { petId, vaccineName: 'Rabies', vaccineType: 'CORE', administeredDate: '2026-02-01', nextDueDate: '2027-02-01', administeredBy: 'Dr. Ames' } },
      registrar,
    );
    vaccinationId = vaccinated.addVaccination.id;
  });

  it('returns owner -> pets -> licences and vaccinations as they were written', async () => {
    const res = await stack.query(
      `{ me { id firstName pets { id name microchipNumber registry { registryNumber status }
          licenses { licenseNumber jurisdictionCode feeCents feeCurrency paid status issuedDate expiresDate }
          vaccinations { vaccineName vaccineType administeredDate nextDueDate pet { name } } } } }`,
      {},
      owner.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.me.id).toBe(owner.id);
    expect(res.data.me.pets).toEqual([
      {
        id: petId,
        name: 'Biscuit',
        microchipNumber: chip,
        registry: { registryNumber: expect.stringMatching(/^PSA-\d{8}$/), status: 'ACTIVE' },
        licenses: [
          {
            licenseNumber: licenceNumber,
            jurisdictionCode: 'US-WA-SEA',
            feeCents: 3500,
            feeCurrency: 'USD',
            paid: false,
            status: 'ACTIVE',
            issuedDate: '2026-01-15',
            expiresDate: '2027-01-15',
          },
        ],
        vaccinations: [{ vaccineName: 'Rabies', vaccineType: 'CORE', administeredDate: '2026-02-01', nextDueDate: '2027-02-01', pet: { name: 'Biscuit' } }],
      },
    ]);
  });

  it("finds pets by microchip, and by the registry number licensure issued, which core keeps from licensure's events", async () => {
    const { petByMicrochip } = await must(stack, `query($c: String!) { petByMicrochip(microchipNumber: $c) { id } }`, { c: chip }, owner.token);
    expect(petByMicrochip.id).toBe(petId);
    // Licensure published the registry entry and the licence in force; core's pet follows once events settle.
    await stack.settle();
    const { pet } = await must(
      stack,
      `query($id: ID!) { pet(id: $id) { registryNumber licenseId registry { registryNumber } licenses { id } } }`,
      { id: petId },
      owner.token,
    );
    expect(pet.registryNumber).toMatch(/^PSA-\d{8}$/);
    expect(pet.registryNumber).toBe(pet.registry.registryNumber);
    expect(pet.licenseId).toBe(licenceNumber);
    const { petByRegistryNumber } = await must(
      stack,
      `query($r: String!) { petByRegistryNumber(registryNumber: $r) { id name } }`,
      { r: pet.registryNumber },
      owner.token,
    );
    expect(petByRegistryNumber).toEqual({ id: petId, name: 'Biscuit' });
    // Revoking the licence in force clears it on the pet; the registry number stays.
    await must(stack, `mutation($id: ID!) { revokeLicense(id: $id) { status } }`, { id: pet.licenses[0].id }, registrar);
    await stack.settle();
    const after = await must(stack, `query($id: ID!) { pet(id: $id) { registryNumber licenseId } }`, { id: petId }, owner.token);
    expect(after.pet).toEqual({ registryNumber: pet.registryNumber, licenseId: null });
  });

  it('does not let anyone set the ids other divisions issue', async () => {
    const admin = await stack.token('admin-1', ['admin']);
    const res = await stack.query(`mutation($id: ID!) { updatePet(id: $id, input: { registryNumber: "PSA-FORGED" }) { id } }`, { id: petId }, admin);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lists vaccinations due before a date for registrars, with the pet resolved through core for admins', async () => {
    const { vaccinationsDue } = await must(stack, `{ vaccinationsDue(before: "2027-03-01") { id vaccineName nextDueDate } }`, {}, registrar);
    expect(vaccinationsDue).toContainEqual({ id: vaccinationId, vaccineName: 'Rabies', nextDueDate: '2027-02-01' });
    for (const due of vaccinationsDue) expect(due.nextDueDate < '2027-03-01').toBe(true);
    const none = await must(stack, `{ vaccinationsDue(before: "2027-01-01") { id } }`, {}, registrar);
    expect(none.vaccinationsDue).not.toContainEqual({ id: vaccinationId });
  });

  it('covers the licence life cycle: payment, renewal, revocation', async () => {
    const [license] = (await must(stack, `query($id: ID!) { pet(id: $id) { licenses { id } } }`, { id: petId }, owner.token)).pet.licenses;
    const paid = await must(
      stack,
      `mutation($id: ID!) { recordLicensePayment(id: $id, transactionId: "tx-1") { paid transactionId } }`,
      { id: license.id },
      registrar,
    );
    expect(paid.recordLicensePayment).toEqual({ paid: true, transactionId: 'tx-1' });
    const renewed = await must(
      stack,
      `mutation($id: ID!) { renewLicense(id: $id, expiresDate: "2028-01-15", feeCents: 4000) { expiresDate feeCents paid } }`,
      { id: license.id },
      registrar,
    );
    expect(renewed.renewLicense).toEqual({ expiresDate: '2028-01-15', feeCents: 4000, paid: false });
    const revoked = await must(stack, `mutation($id: ID!) { revokeLicense(id: $id) { status } }`, { id: license.id }, registrar);
    expect(revoked.revokeLicense.status).toBe('REVOKED');
    const again = await stack.query(
      `mutation($id: ID!) { renewLicense(id: $id, expiresDate: "2029-01-15", feeCents: 1) { id } }`,
      { id: license.id },
      registrar,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('tracks a lost pet from report to sighting to found', async () => {
    const { reportLostPet } = await must(
      stack,
      `mutation($i: ReportLostPetInput!) { reportLostPet(input: $i) { id status alertRadius } }`,
      {
        i: {
          petId,
          lostDate: '2026-11-01T10:00:00Z',
          lastSeenLocation: { address: '1 Pike St', latitude: 47.6, longitude: -122.3 },
          physicalDescription: 'Brown, white paws',
        },
      },
      registrar,
    );
    expect(reportLostPet).toMatchObject({ status: 'LOST', alertRadius: 5 });
    const finder = await stack.token('kind-stranger');
    // The finder scans the chip: core shows them nothing, licensure tells them the chip is registered and which
    // open report to send a sighting to, and nothing of the pet or its owner.
    const scanned = await stack.query(
      `query($c: String!) { petByMicrochip(microchipNumber: $c) { id } microchipLookup(microchipNumber: $c) { registered openLostReportId } }`,
      { c: chip },
      finder,
    );
    expect(scanned).toEqual({ status: 200, data: { petByMicrochip: null, microchipLookup: { registered: true, openLostReportId: reportLostPet.id } } });
    const unknown = await must(stack, `{ microchipLookup(microchipNumber: "985112000000999") { registered openLostReportId } }`, {}, finder);
    expect(unknown.microchipLookup).toEqual({ registered: false, openLostReportId: null });
    const sighting = await must(
      stack,
      `mutation($i: ReportSightingInput!) { reportSighting(input: $i) { sightingId receivedAt } }`,
      { i: { reportId: reportLostPet.id, note: 'By the fountain; call 555-0100' } },
      finder,
    );
    expect(sighting.reportSighting.sightingId).toMatch(/^[0-9a-f-]{36}$/);
    const found = await must(
      stack,
      `mutation($id: ID!) { markPetFound(input: { reportId: $id, foundBy: "kind-stranger" }) { status foundBy } }`,
      { id: reportLostPet.id },
      registrar,
    );
    expect(found.markPetFound).toEqual({ status: 'FOUND', foundBy: 'kind-stranger' });
    const { pet } = await must(
      stack,
      `query($id: ID!) { pet(id: $id) { lostReports { status sightingsReported sightings { note } } } }`,
      { id: petId },
      owner.token,
    );
    expect(pet.lostReports).toEqual([{ status: 'FOUND', sightingsReported: 1, sightings: [{ note: 'By the fountain; call 555-0100' }] }]);
  });

  it('shows household members the household pets, and species to anyone', async () => {
    const partner = await createOwner(stack, `fed-partner-${fixture}`);
    const { createHousehold } = await must(stack, `mutation { createHousehold(name: "The Smiths") { id } }`, {}, owner.token);
    await must(
      stack,
      `mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o) { role } }`,
      { h: createHousehold.id, o: partner.id },
      owner.token,
    );
    const before = await stack.query(`query($id: ID!) { pet(id: $id) { name } }`, { id: petId }, partner.token);
    expect(before).toEqual({ status: 200, data: { pet: null } });
    await must(
      stack,
      `mutation($p: ID!, $h: ID!) { assignPetToHousehold(petId: $p, householdId: $h) { id } }`,
      { p: petId, h: createHousehold.id },
      owner.token,
    );
    const { household } = await must(
      stack,
      `query($id: ID!) { household(id: $id) { name primaryOwner { id } members { role displayName owner { lastName } } pets { name owner { id } vaccinations { vaccineName } } } }`,
      { id: createHousehold.id },
      partner.token,
    );
    expect(household).toEqual({
      name: 'The Smiths',
      // Members see each other's names, not each other's profiles.
      primaryOwner: null,
      members: [
        { role: 'PRIMARY', displayName: 'Test f.', owner: null },
        { role: 'SECONDARY', displayName: 'Test f.', owner: { lastName: `fed-partner-${fixture}` } },
      ],
      pets: [{ name: 'Biscuit', owner: null, vaccinations: [{ vaccineName: 'Rabies' }] }],
    });
    const anonymous = await stack.query(`{ species { code name breeds { name } } }`);
    expect(anonymous.errors).toBeUndefined();
    // One vocabulary: a species' code is the value Pet.species takes.
    expect(anonymous.data.species.map((s: { code: string; name: string }) => [s.code, s.name])).toEqual([
      ['DOG', 'Dog'],
      ['CAT', 'Cat'],
      ['BIRD', 'Bird'],
      ['RABBIT', 'Rabbit'],
      ['OTHER', 'Other'],
    ]);
    expect(anonymous.data.species[0].breeds.length).toBeGreaterThan(3);
  });

  it('changes status and transfers a pet to another owner', async () => {
    const buyer = await createOwner(stack, `fed-buyer-${fixture}`);
    const status = await must(stack, `mutation($id: ID!) { changePetStatus(id: $id, status: LOST) { status statusUpdatedAt } }`, { id: petId }, owner.token);
    expect(status.changePetStatus.status).toBe('LOST');
    const moved = await must(
      stack,
      `mutation($id: ID!, $to: ID!) { transferPet(id: $id, toOwnerId: $to) { owner { id } household { id } } }`,
      { id: petId, to: buyer.id },
      owner.token,
    );
    // The former owner may not read the new owner's profile.
    expect(moved.transferPet).toEqual({ owner: null, household: null });
    const { rows } = await stack.subgraphs.core!.sql.query('select owner_id from core.pets where id = $1', [petId]);
    expect(rows[0].owner_id).toBe(buyer.id);
    const formerOwner = await stack.query(`query($id: ID!) { pet(id: $id) { name } }`, { id: petId }, owner.token);
    expect(formerOwner).toEqual({ status: 200, data: { pet: null } });
    const { me } = await must(stack, `{ me { pets { id } } }`, {}, buyer.token);
    expect(me.pets).toEqual([{ id: petId }]);
  });
});
