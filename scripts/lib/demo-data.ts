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
  await seedClinics(client, pets[0]!.id, log);
  await seedTraining(client, pets[0]!.id, log);
}

/** Healthcare's network in Seattle: clinics with hours, services, a vet and two weeks of slots; Biscuit booked and insured. */
const CLINICS = [
  {
    name: 'Pike Street Vets',
    slug: 'pike-street-vets',
    description: 'General practice and vaccinations by the market.',
    latitude: 47.6097,
    longitude: -122.3422,
  },
  {
    name: 'Capitol Hill Animal ER',
    slug: 'capitol-hill-animal-er',
    description: 'Emergency and critical care, open late.',
    latitude: 47.6253,
    longitude: -122.3222,
    acceptsEmergency: true,
  },
  {
    name: 'Ballard Home Vets',
    slug: 'ballard-home-vets',
    description: 'Vets who come to you: exams and vaccines at home.',
    latitude: 47.6687,
    longitude: -122.3847,
    homeVisitEnabled: true,
    homeVisitRadiusKm: 12,
  },
];

async function seedClinics(client: DemoClient, bookedPetId: string, log: (line: string) => void): Promise<void> {
  const platform = await client.as('demo-platform-admin', ['admin']);
  const today = new Date();
  const inTwoWeeks = new Date(today.getTime() + 13 * 24 * 3600 * 1000);
  let firstClinic = '';
  for (const [n, clinic] of CLINICS.entries()) {
    const admin = `demo-clinic-admin-${n + 1}`;
    const vetSubject = `demo-vet-${n + 1}`;
    const { createClinic } = await platform(`mutation($i: CreateClinicInput!) { createClinic(input: $i) { id } }`, {
      i: {
        ...clinic,
        phone: '+1 206 555 0100',
        addressLine1: `${100 + n} Pine St`,
        city: 'Seattle',
        state: 'WA',
        postalCode: '98101',
        timezone: 'America/Los_Angeles',
        adminUserId: admin,
      },
    });
    const clinicId = createClinic!.id;
    firstClinic ||= clinicId;
    const vet = await client.as(vetSubject);
    const { createVet } = await vet(`mutation($i: CreateVetInput!) { createVet(input: $i) { id } }`, {
      i: { userId: vetSubject, displayName: `Dr. ${['Ames', 'Okafor', 'Lind'][n]}` },
    });
    const run = await client.as(admin);
    await run(`mutation($c: ID!, $i: AddClinicStaffInput!) { addClinicStaff(clinicId: $c, input: $i) { id } }`, {
      c: clinicId,
      i: { userId: vetSubject, role: 'VET', vetId: createVet!.id },
    });
    await run(`mutation($c: ID!, $h: [ClinicHoursInput!]!) { setClinicHours(clinicId: $c, hours: $h) { id } }`, {
      c: clinicId,
      h: [1, 2, 3, 4, 5, 6].map((day) => ({ dayOfWeek: day, openTime: '08:00', closeTime: n === 1 ? '23:59' : '18:00' })),
    });
    const services =
      n === 1 ? ['emergency-visit', 'general-exam'] : n === 2 ? ['home-visit-general', 'vaccination'] : ['general-exam', 'vaccination', 'dental-cleaning'];
    for (const service of services)
      await run(`mutation($c: ID!, $i: OfferServiceInput!) { offerService(clinicId: $c, input: $i) { id } }`, {
        c: clinicId,
        i: { service, durationMin: 30, priceCents: 6500 },
      });
    for (const day of [1, 2, 3, 4, 5])
      await run(`mutation($c: ID!, $i: SlotRuleInput!) { addSlotRule(clinicId: $c, input: $i) { id } }`, {
        c: clinicId,
        i: { dayOfWeek: day, startTime: '09:00', endTime: '12:00', slotMinutes: 30, vetId: createVet!.id, slotType: n === 2 ? 'HOME_VISIT' : 'IN_PERSON' },
      });
    await run(`mutation($c: ID!, $f: Date!, $t: Date!) { generateSlots(clinicId: $c, from: $f, to: $t) }`, {
      c: clinicId,
      f: today.toISOString().slice(0, 10),
      t: inTwoWeeks.toISOString().slice(0, 10),
    });
  }
  log(`seeded ${CLINICS.length} clinics with hours, services, vets and two weeks of slots`);

  const dana = await client.as(DEMO_OWNER);
  const tomorrow = new Date(today.getTime() + 24 * 3600 * 1000);
  let slot: { id: string } | undefined;
  // The first weekday with a free slot from tomorrow on.
  for (let d = 0; d < 7 && !slot; d++) {
    const date = new Date(tomorrow.getTime() + d * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const found = (await dana(`query($c: ID!, $d: Date!) { availableSlots(clinicId: $c, date: $d) { id } }`, { c: firstClinic, d: date })) as unknown as {
      availableSlots: { id: string }[];
    };
    slot = found.availableSlots[0];
  }
  if (slot)
    await dana(`mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id } }`, {
      i: { slotId: slot.id, petId: bookedPetId, service: 'vaccination', ownerNotes: 'Annual boosters' },
    });
  await dana(`mutation($i: IssueInsurancePolicyInput!) { issueInsurancePolicy(input: $i) { id } }`, {
    i: { petId: bookedPetId, coverageType: 'ACCIDENT_AND_ILLNESS', annualLimitCents: 1_000_000, deductibleCents: 25_000, reimbursementPercent: 80 },
  });
  log('seeded a booking and an insurance policy for Biscuit');
}

/** Training's marketplace in Seattle: two verified trainers with services and weekly hours; Biscuit's first session done. */
const TRAINERS = [
  {
    subject: 'demo-trainer-ana',
    displayName: 'Ana Ruiz, CPDT-KA',
    yearsOfExperience: 9,
    bio: 'Positive reinforcement for puppies and reactive dogs.',
    location: { address: '500 Pine St', city: 'Seattle', state: 'WA', zipCode: '98101', latitude: 47.6122, longitude: -122.3355 },
    services: [
      { name: 'Puppy basics', description: 'Sit, stay, come and loose-leash walking', durationMinutes: 15, priceCents: 4500 },
      { name: 'Reactivity session', description: 'Calm around dogs, bikes and strangers', durationMinutes: 60, priceCents: 9000 },
    ],
  },
  {
    subject: 'demo-trainer-ben',
    displayName: 'Ben Okafor',
    yearsOfExperience: 4,
    bio: 'Agility and scent work in Ballard.',
    location: { address: '22 Market St', city: 'Seattle', state: 'WA', zipCode: '98107', latitude: 47.6687, longitude: -122.3847 },
    services: [{ name: 'Agility intro', description: 'Tunnels, jumps and weaves', durationMinutes: 45, priceCents: 6000 }],
  },
];

async function seedTraining(client: DemoClient, dogId: string, log: (line: string) => void): Promise<void> {
  const admin = await client.as('demo-platform-admin', ['admin']);
  const services: string[] = [];
  let firstTrainer = '';
  for (const trainer of TRAINERS) {
    const run = await client.as(trainer.subject, ['trainer']);
    const { subject, services: offered, ...profile } = trainer;
    const { createTrainerProfile } = await run(`mutation($i: CreateTrainerProfileInput!) { createTrainerProfile(input: $i) { id } }`, {
      i: { ...profile, timezone: 'America/Los_Angeles' },
    });
    const trainerId = createTrainerProfile!.id;
    firstTrainer ||= trainerId;
    await admin(`mutation($t: ID!) { verifyTrainer(id: $t) { id } }`, { t: trainerId });
    for (const service of offered) {
      const { addTrainerService } = await run(`mutation($i: AddTrainerServiceInput!) { addTrainerService(input: $i) { id } }`, { i: service });
      if (trainerId === firstTrainer) services.push(addTrainerService!.id);
    }
    // Every day, all day for the first (so the demo's session can start at once); weekday evenings for the second.
    const days = subject === 'demo-trainer-ana' ? [0, 1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5];
    for (const day of days)
      await run(`mutation($i: AddAvailabilityWindowInput!) { addAvailabilityWindow(input: $i) { id } }`, {
        i: subject === 'demo-trainer-ana' ? { dayOfWeek: day, startTime: '00:00', endTime: '24:00' } : { dayOfWeek: day, startTime: '17:00', endTime: '21:00' },
      });
  }
  log(`seeded ${TRAINERS.length} verified trainers with services and weekly hours`);

  // Biscuit's first session: booked to start in a few seconds, accepted, held, reviewed, paid and paid out, all
  // through the API (a session is completed only once it has started).
  const dana = await client.as(DEMO_OWNER);
  const ana = await client.as(TRAINERS[0]!.subject, ['trainer']);
  const startTime = new Date(Date.now() + 3_000);
  const booked = await dana(`mutation($i: BookTrainingInput!) { bookTraining(input: $i) { id } }`, {
    i: { trainerId: firstTrainer, serviceId: services[0], dogId, startTime: startTime.toISOString(), notes: 'Pulls on the lead' },
  }).catch((error: Error) => {
    // The last quarter hour of a Seattle day has no room for a session that starts now: the rest is seeded anyway.
    log(`training: Biscuit's session not booked (${error.message})`);
    return null;
  });
  if (booked) {
    const bookingId = booked.bookTraining!.id;
    await ana(`mutation($id: ID!) { acceptTrainingBooking(id: $id) { id } }`, { id: bookingId });
    await new Promise((r) => setTimeout(r, Math.max(0, startTime.getTime() - Date.now() + 200)));
    await ana(`mutation($id: ID!) { completeTrainingBooking(id: $id) { id } }`, { id: bookingId });
    await dana(`mutation($i: ReviewTrainingBookingInput!) { reviewTrainingBooking(input: $i) { id } }`, {
      i: { bookingId, rating: 5, comment: 'Biscuit walks beside me now.' },
    });
    await dana(`mutation($i: PayForTrainingBookingInput!) { payForTrainingBooking(input: $i) { id } }`, {
      i: { bookingId, providerToken: 'tok_visa', idempotencyKey: 'demo-biscuit-first-session' },
    });
    const { runTrainerPayout } = await admin(`mutation($t: ID!) { runTrainerPayout(trainerId: $t) { id } }`, { t: firstTrainer });
    await admin(`mutation($p: ID!) { processTrainerPayout(id: $p) { id } }`, { p: runTrainerPayout!.id });
    log("seeded Biscuit's training session: completed, reviewed, paid and paid out");
  }
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
      appointments { confirmationCode scheduledDate scheduledStart status clinic { name } }
      insurancePolicies { policyNumber status premiumCents }
      trainingBookings { startTime status priceSnapshotCents trainer { displayName averageRating } }
    }
  }
}`;
