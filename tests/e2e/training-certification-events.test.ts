import { randomUUID } from 'node:crypto';
import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { training } from '@psa/training';
import { certificationContract, createEnvelope, deadLetterTopic, encodeEnvelope, TRAINING_TOPICS, type CertificationIssuedPayload } from '@psa/events';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, readTopics, registerPet } from './helpers';
import { seedTrainer, type TestTrainer } from './training-fixtures';

/**
 * A certificate a dog earns by completing a training program reaches licensure as the pet's certification
 * through training.certification (training's outbox, the real broker, licensure's projector), never through a
 * call. One test grades a dog through the gateway; the others publish on the topic themselves, to reach what the
 * API cannot (a redelivery, a pet licensure has never heard of, an event that breaks the contract).
 */
let stack: TestStack;
let trainer: TestTrainer;

beforeAll(async () => {
  stack = await startTestStack([core, licensure, training]);
  trainer = await seedTrainer(stack);
}, 120_000);
afterAll(() => stack?.close());

const trainingSql = () => stack.subgraphs.training!.sql;
const licensureSql = () => stack.subgraphs.licensure!.sql;
const day = (offset: number) => new Date(Date.now() + offset * 24 * 3600_000).toISOString().slice(0, 10);

const CERTIFICATIONS = `query($p: ID!) { pet(id: $p) {
  registryNumber
  certifications { id type name issuedBy certificationNumber issuedDate verified verifiedBy }
} }`;

/** A dog enrolled, trained and passed by the seeded trainer, through the gateway; returns its certificate. */
async function certifiedDog(name: string) {
  const owner = await createOwner(stack, `certified-${randomUUID().slice(0, 6)}`);
  const petId = await registerPet(stack, owner, { name, species: 'DOG' });
  const { createTrainingProgram } = await must(
    stack,
    `mutation($i: CreateTrainingProgramInput!) { createTrainingProgram(input: $i) { id } }`,
    {
      i: {
        name: 'Canine Good Citizen prep',
        level: 'INTERMEDIATE',
        certificationType: 'GOOD_CITIZEN',
        capacity: 8,
        sessionsCount: 6,
        schedule: 'Sundays 09:00-10:00',
        startDate: day(0),
        endDate: day(42),
        priceCents: 30000,
      },
    },
    trainer.token,
  );
  const programId = createTrainingProgram.id;
  const { enrollInTrainingProgram } = await must(
    stack,
    `mutation($i: EnrollInTrainingProgramInput!) { enrollInTrainingProgram(input: $i) { id } }`,
    { i: { programId, petId } },
    owner.token,
  );
  await must(stack, `mutation($id: ID!) { changeTrainingProgramStatus(id: $id, status: IN_PROGRESS) { id } }`, { id: programId }, trainer.token);
  const { completeTrainingEnrollment } = await must(
    stack,
    `mutation($e: ID!) { completeTrainingEnrollment(enrollmentId: $e, passed: true) { certification { id certificateNumber issuedDate } } }`,
    { e: enrollInTrainingProgram.id },
    trainer.token,
  );
  return { owner, petId, programId, certification: completeTrainingEnrollment.certification as { id: string; certificateNumber: string; issuedDate: string } };
}

const issued = (extra: Partial<CertificationIssuedPayload> = {}): CertificationIssuedPayload => ({
  petId: randomUUID(),
  enrollmentId: randomUUID(),
  programId: randomUUID(),
  trainerId: randomUUID(),
  type: 'TRAINING_SPECIALTY',
  name: 'Scent work',
  issuedBy: 'Maya Ortiz',
  certificationNumber: `TC-2026-${randomUUID().slice(0, 8).toUpperCase()}`,
  issuedDate: '2026-11-20',
  ...extra,
});

it("records the certificate a dog earned as the pet's verified certification in licensure, registering the pet, and its owner reads it through the gateway", async () => {
  const { owner, petId, certification } = await certifiedDog('Juno');
  // Written in the grade's own transaction, for the relay to publish.
  const { rows: outbox } = await trainingSql().query(`select topic, envelope->>'type' as type from training.outbox where key = $1`, [certification.id]);
  expect(outbox).toEqual([{ topic: TRAINING_TOPICS.certification, type: 'certification.issued' }]);
  await stack.settle();

  const { pet } = await must(stack, CERTIFICATIONS, { p: petId }, owner.token);
  expect(pet.certifications).toEqual([
    {
      id: certification.id,
      type: 'GOOD_CITIZEN',
      name: 'Canine Good Citizen prep',
      issuedBy: `Trainer ${trainer.subject}`,
      certificationNumber: certification.certificateNumber,
      issuedDate: certification.issuedDate,
      verified: true,
      verifiedBy: 'training',
    },
  ]);
  // Registered on the way; the number reached core by licensure's event.
  expect(pet.registryNumber).toMatch(/^PSA-\d{8}$/);
}, 90_000);

it('a redelivered event adds no second certification', async () => {
  const { owner, petId, certification } = await certifiedDog('Echo');
  await stack.settle();
  // The relay publishes the event again (as after a crash between publishing and marking it sent).
  await trainingSql().query(`insert into training.outbox (topic, key, envelope) select topic, key, envelope from training.outbox where key = $1`, [
    certification.id,
  ]);
  await stack.settle();

  const { rows: published } = await trainingSql().query('select sent_at is not null as sent from training.outbox where key = $1', [certification.id]);
  expect(published).toEqual([{ sent: true }, { sent: true }]);
  const { pet } = await must(stack, `query($p: ID!) { pet(id: $p) { certifications { id } } }`, { p: petId }, owner.token);
  expect(pet.certifications).toEqual([{ id: certification.id }]);
  const { rows: entries } = await licensureSql().query('select count(*)::int as n from licensure.pet_registry where pet_id = $1', [petId]);
  expect(entries).toEqual([{ n: 1 }]);
  // Recognised as already recorded, not refused: nothing of it went to licensure's dead letters.
  const dead = await readTopics(stack, [deadLetterTopic('licensure')]);
  expect(dead.filter((m) => m.key === certification.id)).toEqual([]);
}, 90_000);

it('records a certificate for a pet licensure has no copy of yet, registering it', async () => {
  const id = randomUUID();
  const payload = issued();
  const envelope = certificationContract.envelope({ type: 'certification.issued', aggregateId: id, version: 1, payload });
  await stack.transport.publish(TRAINING_TOPICS.certification, [{ key: id, value: encodeEnvelope(envelope) }]);
  await stack.settle();

  const { rows } = await licensureSql().query(
    `select c.pet_id, c.type, c.certification_number, c.verified, r.registry_number from licensure.certifications c join licensure.pet_registry r on r.id = c.registry_id where c.id = $1`,
    [id],
  );
  expect(rows).toEqual([
    {
      pet_id: payload.petId,
      type: 'TRAINING_SPECIALTY',
      certification_number: payload.certificationNumber,
      verified: true,
      registry_number: expect.stringMatching(/^PSA-\d{8}$/),
    },
  ]);
}, 60_000);

it('an event that breaks the contract goes to the dead-letter topic, with the reason, and records nothing', async () => {
  const id = randomUUID();
  const { certificationNumber: _number, ...withoutNumber } = issued();
  const broken = createEnvelope({
    type: 'certification.issued',
    aggregateType: 'certification',
    aggregateId: id,
    version: 1,
    source: 'training',
    payload: withoutNumber,
  });
  await stack.transport.publish(TRAINING_TOPICS.certification, [{ key: id, value: encodeEnvelope(broken) }]);
  await stack.settle();

  const dead = (await readTopics(stack, [deadLetterTopic('licensure')])).filter((m) => m.key === id);
  expect(dead.map((m) => JSON.parse(m.value!.toString()).reason)).toEqual([
    'training.certification schemaVersion 1 breaks its contract: payload.certificationNumber: Invalid input: expected string, received undefined',
  ]);
  const { rows } = await licensureSql().query('select count(*)::int as n from licensure.certifications where id = $1', [id]);
  expect(rows).toEqual([{ n: 0 }]);
}, 60_000);
