import { randomUUID } from 'node:crypto';
import { core } from '@psa/core';
import type { Db } from '@psa/db';
import { healthcare } from '@psa/healthcare';
import { licensure } from '@psa/licensure';
import { deadLetterTopic, HEALTHCARE_TOPICS } from '@psa/events';
import { startTestStack, type TestStack } from '@psa/testing';
import { publishVaccinationsGiven, type VaccinatingAppointment, type VaccineGiven } from '../../subgraphs/healthcare/src/modules/vaccinations-given/publish';
import { createOwner, must, readTopics, registerPet } from './helpers';
import { BOOK, createClinic, moveAppointmentIntoPast, openSlots, type TestClinic } from './healthcare-fixtures';

/**
 * A vaccine given at a completed appointment reaches licensure as the pet's vaccination through
 * healthcare.vaccination (healthcare's outbox, the real broker, licensure's projector), never through a call.
 * One test completes a booked appointment through the gateway; the others call the completion's publishing step
 * in a transaction of their own on healthcare's database, on an appointment row written for the purpose, to reach
 * what the API cannot (a pet licensure has never heard of, a redelivery).
 */
let stack: TestStack;
let clinic: TestClinic;

beforeAll(async () => {
  stack = await startTestStack([core, licensure, healthcare]);
  clinic = await createClinic(stack, { name: 'Harbour Vets' });
}, 120_000);
afterAll(() => stack?.close());

const healthcareDb = () => stack.subgraphs.healthcare!.database.db;
const licensureSql = () => stack.subgraphs.licensure!.sql;
const healthcareSql = () => stack.subgraphs.healthcare!.sql;

/** An appointment row at the test clinic (the vaccines' record refers to it). */
async function appointmentFor(petId: string): Promise<VaccinatingAppointment> {
  const id = randomUUID();
  await healthcareSql().query(
    `insert into healthcare.appointments (id, confirmation_code, clinic_id, owner_id, pet_id, service_id, appointment_type, scheduled_date, scheduled_start, scheduled_end, status)
     values ($1, $2, $3, $4, $5, 2, 'IN_PERSON', '2026-10-01', '09:00', '09:30', 'COMPLETED')`,
    [id, id.slice(0, 8).toUpperCase(), clinic.id, randomUUID(), petId],
  );
  return { id, petId, clinicId: clinic.id, clinicName: 'Harbour Vets', veterinarianName: 'Dr. Ana Ruiz', date: '2026-10-01' };
}

const rabies: VaccineGiven = {
  vaccineName: 'Rabies',
  vaccineType: 'CORE',
  manufacturer: 'Zoetis',
  lotNumber: 'RB-2231',
  nextDueDate: '2029-10-01',
  expirationDate: '2027-03-31',
};
const lepto: VaccineGiven = {
  vaccineName: 'Leptospirosis',
  vaccineType: 'LIFESTYLE',
  manufacturer: 'Merck',
  lotNumber: 'LP-77',
  administeredBy: 'Sam Lee, RVT',
};

const give = (appointment: VaccinatingAppointment, vaccines: VaccineGiven[]) =>
  healthcareDb().transaction((tx) => publishVaccinationsGiven(tx as unknown as Db, appointment, vaccines));

const PET_RECORDS = `query($p: ID!) { pet(id: $p) {
  registryNumber
  registry { registryNumber microchipNumber }
  vaccinations { id vaccineName vaccineType administeredDate nextDueDate administeredBy clinicName manufacturer lotNumber expirationDate }
} }`;

it("records the vaccines given as the pet's vaccinations in licensure, registering the pet, and its owner reads them through the gateway", async () => {
  const owner = await createOwner(stack, 'vaccinated-owner');
  const petId = await registerPet(stack, owner, { name: 'Juno', microchipNumber: '985112345678903' });
  const before = await must(stack, PET_RECORDS, { p: petId }, owner.token);
  expect(before.pet).toEqual({ registryNumber: null, registry: null, vaccinations: [] });

  const appointment = await appointmentFor(petId);
  const recorded = await give(appointment, [rabies, lepto]);
  expect(recorded).toHaveLength(2);
  await stack.settle();

  const { pet } = await must(stack, PET_RECORDS, { p: petId }, owner.token);
  const idOf = (name: string) => recorded.find((r) => r.vaccineName === name)!.id;
  expect([...pet.vaccinations].sort((a: { vaccineName: string }, b: { vaccineName: string }) => a.vaccineName.localeCompare(b.vaccineName))).toEqual([
    {
      id: idOf('Leptospirosis'),
      vaccineName: 'Leptospirosis',
      vaccineType: 'LIFESTYLE',
      administeredDate: '2026-10-01',
      nextDueDate: null,
      administeredBy: 'Sam Lee, RVT',
      clinicName: 'Harbour Vets',
      manufacturer: 'Merck',
      lotNumber: 'LP-77',
      expirationDate: null,
    },
    {
      id: idOf('Rabies'),
      vaccineName: 'Rabies',
      vaccineType: 'CORE',
      administeredDate: '2026-10-01',
      nextDueDate: '2029-10-01',
      administeredBy: 'Dr. Ana Ruiz',
      clinicName: 'Harbour Vets',
      manufacturer: 'Zoetis',
      lotNumber: 'RB-2231',
      expirationDate: '2027-03-31',
    },
  ]);
  // Registered on the way, with the microchip licensure's copy knows; the number reached core by licensure's event.
  expect(pet.registry).toEqual({ registryNumber: expect.stringMatching(/^PSA-\d{8}$/), microchipNumber: '985112345678903' });
  expect(pet.registryNumber).toBe(pet.registry.registryNumber);

  // Healthcare keeps its own clinical record of the appointment.
  const { rows } = await healthcareSql().query(
    'select vaccine_name, pet_id, administered_by from healthcare.appointment_vaccinations where appointment_id = $1 order by vaccine_name',
    [appointment.id],
  );
  expect(rows).toEqual([
    { vaccine_name: 'Leptospirosis', pet_id: petId, administered_by: 'Sam Lee, RVT' },
    { vaccine_name: 'Rabies', pet_id: petId, administered_by: 'Dr. Ana Ruiz' },
  ]);
}, 60_000);

it('a redelivered event, and the same appointment recorded again, add no second vaccination', async () => {
  const owner = await createOwner(stack, 'redelivered-owner');
  const petId = await registerPet(stack, owner, { name: 'Echo' });
  const appointment = await appointmentFor(petId);
  const [given] = await give(appointment, [rabies]);
  await stack.settle();

  // The relay publishes the event again (as after a crash between publishing and marking it sent), and the same
  // completion runs twice.
  await healthcareSql().query(`insert into healthcare.outbox (topic, key, envelope) select topic, key, envelope from healthcare.outbox where key = $1`, [
    given!.id,
  ]);
  expect(await give(appointment, [rabies])).toEqual([]);
  await stack.settle();

  const { rows: published } = await healthcareSql().query('select sent_at is not null as sent from healthcare.outbox where key = $1', [given!.id]);
  expect(published).toEqual([{ sent: true }, { sent: true }]);
  const { pet } = await must(stack, `query($p: ID!) { pet(id: $p) { vaccinations { id vaccineName } } }`, { p: petId }, owner.token);
  expect(pet.vaccinations).toEqual([{ id: given!.id, vaccineName: 'Rabies' }]);
  const { rows: entries } = await licensureSql().query('select count(*)::int as n from licensure.pet_registry where pet_id = $1', [petId]);
  expect(entries).toEqual([{ n: 1 }]);
  // Recognised as already recorded, not refused: nothing of this vaccination went to licensure's dead letters.
  const dead = await readTopics(stack, [deadLetterTopic('licensure')]);
  expect(dead.filter((m) => m.key === given!.id)).toEqual([]);
}, 60_000);

it("keeps a registered pet's entry, and records a vaccine for a pet licensure has no copy of yet", async () => {
  const owner = await createOwner(stack, 'registered-owner');
  const petId = await registerPet(stack, owner, { name: 'Kit' });
  const registrar = await stack.token('vaccination-registrar', ['registrar']);
  const { registerPetInRegistry } = await must(
    stack,
    `mutation($i: RegisterPetInRegistryInput!) { registerPetInRegistry(input: $i) { id registryNumber } }`,
    { i: { petId } },
    registrar,
  );
  const unknownPetId = randomUUID();
  await give(await appointmentFor(petId), [lepto]);
  await give(await appointmentFor(unknownPetId), [rabies]);
  await stack.settle();

  const { rows } = await licensureSql().query(
    `select v.pet_id, v.vaccine_name, r.id as registry_id, r.registry_number from licensure.vaccinations v join licensure.pet_registry r on r.id = v.registry_id
     where v.pet_id = any($1::uuid[]) order by v.vaccine_name`,
    [[petId, unknownPetId]],
  );
  expect(rows).toEqual([
    { pet_id: petId, vaccine_name: 'Leptospirosis', registry_id: registerPetInRegistry.id, registry_number: registerPetInRegistry.registryNumber },
    { pet_id: unknownPetId, vaccine_name: 'Rabies', registry_id: expect.any(String), registry_number: expect.stringMatching(/^PSA-\d{8}$/) },
  ]);
}, 60_000);

it('a vaccine its contract refuses fails the transaction: nothing is recorded or published', async () => {
  const appointment = await appointmentFor(randomUUID());
  await expect(give(appointment, [rabies, { ...lepto, nextDueDate: '2026-09-01' }])).rejects.toThrow(
    `${HEALTHCARE_TOPICS.vaccination} schemaVersion 1 breaks its contract: payload.nextDueDate: must be after administeredDate`,
  );
  const { rows } = await healthcareSql().query(
    `select (select count(*)::int from healthcare.appointment_vaccinations where appointment_id = $1) as recorded,
            (select count(*)::int from healthcare.outbox where envelope->'payload'->>'appointmentId' = $1::text) as published`,
    [appointment.id],
  );
  expect(rows).toEqual([{ recorded: 0, published: 0 }]);
});

it('a vet completes an appointment with the vaccines given; licensure records them from the event', async () => {
  const [slot] = await openSlots(stack, clinic);
  const owner = await createOwner(stack, 'completed-visit-owner');
  const petId = await registerPet(stack, owner, { name: 'Dot' });
  await stack.settle();
  const { bookAppointment } = await must(stack, BOOK, { i: { slotId: slot, petId, service: 'vaccination' } }, owner.token);
  await moveAppointmentIntoPast(stack, bookAppointment.id);
  const COMPLETE = `mutation($id: ID!, $i: CompleteAppointmentInput) { completeAppointment(id: $id, input: $i) { status vaccinesGiven { id vaccineName administeredBy } } }`;
  const vaccine = { vaccineName: 'Rabies', vaccineType: 'CORE', manufacturer: 'Zoetis', lotNumber: 'RB-9' };
  const bad = await stack.query(COMPLETE, { id: bookAppointment.id, i: { vaccinesGiven: [{ ...vaccine, lotNumber: ' ' }] } }, clinic.vet);
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.vaccinesGiven[0].lotNumber' });
  const { completeAppointment } = await must(stack, COMPLETE, { id: bookAppointment.id, i: { vaccinesGiven: [vaccine] } }, clinic.vet);
  expect(completeAppointment).toEqual({
    status: 'COMPLETED',
    vaccinesGiven: [{ id: expect.any(String), vaccineName: 'Rabies', administeredBy: expect.stringMatching(/^Dr /) }],
  });
  await stack.settle();
  const { pet } = await must(stack, `query($p: ID!) { pet(id: $p) { vaccinations { id vaccineName clinicName } } }`, { p: petId }, owner.token);
  expect(pet.vaccinations).toEqual([{ id: completeAppointment.vaccinesGiven[0].id, vaccineName: 'Rabies', clinicName: 'Harbour Vets' }]);
}, 60_000);
