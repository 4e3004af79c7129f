/**
 * Demo data for the embedded stack, written through the gateway with the same rules and checks as any client.
 * Owners are created by their own tokens; licensure records by a registrar.
 */
/** What the seeding mutations answer: each root field, an entity with its id. */
export type Created = Record<string, { id: string; name?: string }>;

export interface DemoClient {
  as(subject: string, roles?: string[]): Promise<(query: string, variables?: Record<string, unknown>) => Promise<Created>>;
  /** Resolves when every division's copies have caught up with core (licensure checks pets against its copy). */
  settle(): Promise<void>;
}

export const DEMO_OWNER = 'demo-dana';

const OWNERS = [
  { clerkId: DEMO_OWNER, email: 'dana@example.com', firstName: 'Dana', lastName: 'Reyes', city: 'Seattle', state: 'WA' },
  { clerkId: 'demo-sam', email: 'sam@example.com', firstName: 'Sam', lastName: 'Reyes', city: 'Seattle', state: 'WA' },
  { clerkId: 'demo-lee', email: 'lee@example.com', firstName: 'Lee', lastName: 'Park', city: 'Portland', state: 'OR' },
];

const PETS: Record<string, Record<string, unknown>[]> = {
  [DEMO_OWNER]: [
    {
      name: 'Biscuit',
      species: 'DOG',
      breed: ['Labrador Retriever'],
      sex: 'NEUTERED',
      birthDate: '2019-04-12',
      weight: 68,
      color: ['yellow'],
      microchipNumber: '985112000100001',
    },
    {
      name: 'Miso',
      species: 'CAT',
      breed: ['Domestic Shorthair'],
      sex: 'SPAYED',
      birthDate: '2021-08-03',
      weight: 9.5,
      color: ['black', 'white'],
      microchipNumber: '985112000100002',
    },
  ],
  'demo-sam': [{ name: 'Pepper', species: 'RABBIT', breed: ['Holland Lop'], sex: 'FEMALE', birthDate: '2023-02-20', weight: 3.2 }],
  'demo-lee': [
    { name: 'Juniper', species: 'DOG', breed: ['Border Collie'], sex: 'FEMALE', birthDate: '2018-11-30', weight: 41, microchipNumber: '985112000100004' },
    { name: 'Kiwi', species: 'BIRD', breed: ['Budgerigar'], sex: 'MALE', birthDate: '2022-06-01', weight: 0.08, approximateAge: true },
  ],
};

export async function seedDemoData(client: DemoClient, log: (line: string) => void): Promise<void> {
  const owners: Record<string, string> = {};
  const pets: { id: string }[] = [];
  for (const owner of OWNERS) {
    const run = await client.as(owner.clerkId);
    const { createOwner } = await run(`mutation($i: CreateOwnerInput!) { createOwner(input: $i) { id } }`, { i: owner });
    owners[owner.clerkId] = createOwner!.id;
    for (const pet of PETS[owner.clerkId] ?? []) {
      const { registerPet } = await run(`mutation($i: RegisterPetInput!) { registerPet(input: $i) { id name } }`, { i: pet });
      pets.push(registerPet!);
    }
  }
  log(`seeded ${OWNERS.length} owners and ${pets.length} pets`);

  const dana = await client.as(DEMO_OWNER);
  const { createHousehold } = await dana(`mutation { createHousehold(name: "Reyes household") { id } }`);
  await dana(`mutation($h: ID!, $o: ID!) { addHouseholdMember(householdId: $h, ownerId: $o, role: SECONDARY) { id } }`, {
    h: createHousehold!.id,
    o: owners['demo-sam'],
  });
  for (const pet of pets.slice(0, 2)) {
    await dana(`mutation($p: ID!, $h: ID!) { assignPetToHousehold(petId: $p, householdId: $h) { id } }`, { p: pet.id, h: createHousehold!.id });
  }
  log('seeded the Reyes household');
  await client.settle();

  const registrar = await client.as('demo-registrar', ['registrar']);
  let licence = 1;
  for (const pet of pets) {
    await registrar(`mutation($i: RegisterPetInRegistryInput!) { registerPetInRegistry(input: $i) { id } }`, { i: { petId: pet.id } });
    await registrar(`mutation($i: IssueLicenseInput!) { issueLicense(input: $i) { id } }`, {
      i: {
        petId: pet.id,
        licenseNumber: `SEA-2026-${String(licence++).padStart(4, '0')}`,
        jurisdictionType: 'CITY',
        jurisdictionName: 'Seattle',
        jurisdictionCode: 'US-WA-SEA',
        issuedDate: '2026-01-15',
        expiresDate: '2027-01-15',
        feeCents: 3500,
      },
    });
    await registrar(`mutation($i: AddVaccinationInput!) { addVaccination(input: $i) { id } }`, {
      i: {
        petId: pet.id,
        vaccineName: 'Rabies',
        vaccineType: 'CORE',
        administeredDate: '2026-02-01',
        nextDueDate: '2027-02-01',
        administeredBy: 'Dr. Ames',
        clinicName: 'Pike Street Vets',
      },
    });
  }
  log(`seeded registry entries, licences and vaccinations for ${pets.length} pets`);
}

export const SAMPLE_QUERY = `{
  me {
    firstName
    pets {
      name
      species
      registry { registryNumber }
      licenses { licenseNumber expiresDate paid }
      vaccinations { vaccineName nextDueDate }
    }
  }
}`;
