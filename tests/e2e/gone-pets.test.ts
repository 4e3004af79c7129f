import { core } from '@psa/core';
import { healthcare } from '@psa/healthcare';
import { training } from '@psa/training';
import { petContract } from '@psa/events';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, type TestOwner } from './helpers';
import { BOOK, createClinic, openSlots, type TestClinic } from './healthcare-fixtures';
import { ACCEPT, book, moveSessionIntoPast } from './training-booking-fixtures';
import { seedTrainer, tomorrowAt, type TestTrainer } from './training-fixtures';
import { petProjection as trainingPetProjection } from '../../subgraphs/training/src/modules/core-copies/projections';

/**
 * A pet core deletes (its owner, or an owner's erasure) or reports dead comes to nothing more: training withdraws
 * its enrollments and cancels its sessions to come, healthcare cancels its appointments to come and takes it out of
 * every waitlist, each in core.pet's projection, with the seats given back. Through the gateway, with the divisions'
 * rule checks (stack.settle) run after every step.
 */
let stack: TestStack;
let trainer: TestTrainer;
let clinic: TestClinic;
let owner: TestOwner;

beforeAll(async () => {
  stack = await startTestStack([core, healthcare, training]);
  [trainer, clinic] = await Promise.all([seedTrainer(stack), createClinic(stack)]);
  owner = await createOwner(stack, `gone-pets-${Date.now()}`);
}, 180_000);
afterAll(() => stack?.close());

const day = (offset: number) => new Date(Date.now() + offset * 24 * 3600_000).toISOString().slice(0, 10);
const trainingSql = (text: string, values: unknown[]) => stack.subgraphs.training!.sql.query(text, values).then((r) => r.rows);
const healthcareSql = (text: string, values: unknown[]) => stack.subgraphs.healthcare!.sql.query(text, values).then((r) => r.rows);

async function openProgram(): Promise<string> {
  const { createTrainingProgram } = await must(
    stack,
    `mutation($i: CreateTrainingProgramInput!) { createTrainingProgram(input: $i) { id } }`,
    {
      i: {
        name: 'Recall',
        description: 'Come when called',
        level: 'BEGINNER',
        certificationType: 'GOOD_CITIZEN',
        capacity: 5,
        sessionsCount: 4,
        schedule: 'Sundays 09:00',
        startDate: day(7),
        endDate: day(35),
        priceCents: 10000,
      },
    },
    trainer.token,
  );
  return createTrainingProgram.id;
}

/** A dog with everything a division holds for it: a program seat, sessions (one to come, one begun), a vet appointment, a place in line. */
async function dogWithCommitments(name: string, programId: string, slotId: string, hour: number) {
  const dogId = await registerPet(stack, owner, { name, species: 'DOG' });
  await stack.settle();
  const { enrollInTrainingProgram } = await must(
    stack,
    `mutation($i: EnrollInTrainingProgramInput!) { enrollInTrainingProgram(input: $i) { id } }`,
    { i: { programId, petId: dogId } },
    owner.token,
  );
  const upcoming = await book(stack, trainer, owner, dogId, tomorrowAt(hour));
  await must(stack, ACCEPT, { id: upcoming }, trainer.token);
  const pending = await book(stack, trainer, owner, dogId, tomorrowAt(hour + 1));
  const begun = await book(stack, trainer, owner, dogId, tomorrowAt(hour + 2));
  await must(stack, ACCEPT, { id: begun }, trainer.token);
  await moveSessionIntoPast(stack, begun);
  const { bookAppointment } = await must(stack, BOOK, { i: { slotId, petId: dogId, service: 'general-exam' } }, owner.token);
  const { joinWaitlist } = await must(
    stack,
    `mutation($i: JoinWaitlistInput!) { joinWaitlist(input: $i) { id } }`,
    // A day without slots: no seat freed here is offered to these dogs.
    { i: { clinicId: clinic.id, service: 'vaccination', petId: dogId, desiredDate: day(3) } },
    owner.token,
  );
  return {
    dogId,
    enrollmentId: enrollInTrainingProgram.id as string,
    upcoming,
    pending,
    begun,
    appointmentId: bookAppointment.id as string,
    waitlistId: joinWaitlist.id as string,
  };
}

type Dog = Awaited<ReturnType<typeof dogWithCommitments>>;

/** Everything the divisions hold for the dog, as their databases say it. */
async function holdings(dog: Dog) {
  const [enrollment] = await trainingSql(`select status, withdrawn_at is not null as withdrawn from training.enrollments where id = $1`, [dog.enrollmentId]);
  const sessions = await trainingSql(
    `select b.id, b.status, b.cancellation_reason, b.cancelled_by,
       (select json_agg(json_build_object('to', h.to_status, 'by', h.changed_by, 'reason', h.reason) order by h.created_at) from training.booking_status_history h where h.booking_id = b.id) as history
     from training.bookings b where b.dog_id = $1`,
    [dog.dogId],
  );
  const byId = Object.fromEntries(sessions.map((s) => [s.id, s]));
  const [appointment] = await healthcareSql(
    `select a.status, a.cancellation_reason, a.cancelled_by, s.current_bookings,
       (select h.changed_by from healthcare.appointment_status_history h where h.appointment_id = a.id order by h.created_at desc limit 1) as last_changed_by
     from healthcare.appointments a join healthcare.availability_slots s on s.id = a.slot_id where a.id = $1`,
    [dog.appointmentId],
  );
  const [waitlist] = await healthcareSql(`select status from healthcare.waitlist_entries where id = $1`, [dog.waitlistId]);
  return { enrollment, upcoming: byId[dog.upcoming], pending: byId[dog.pending], begun: byId[dog.begun], appointment, waitlist };
}

const seatsTaken = (programId: string) =>
  trainingSql(`select enrolled_count from training.programs where id = $1`, [programId]).then(([p]) => p.enrolled_count);

it('a deleted dog and a dead one keep no seat, no session and no appointment to come; the begun session and the other dogs stay', async () => {
  const programId = await openProgram();
  const [slotA, slotB, slotC] = await openSlots(stack, clinic);
  const deleted = await dogWithCommitments('Ghost', programId, slotA!, 8);
  const dead = await dogWithCommitments('Elder', programId, slotB!, 12);
  const alive = await dogWithCommitments('Sprout', programId, slotC!, 16);
  expect(await seatsTaken(programId)).toBe(3);

  await must(stack, `mutation($id: ID!) { deletePet(id: $id) }`, { id: deleted.dogId }, owner.token);
  await must(stack, `mutation($id: ID!) { changePetStatus(id: $id, status: DECEASED) { id } }`, { id: dead.dogId }, owner.token);
  // Waits for core's events to be applied in both divisions, and for every division's rule checks to hold.
  await stack.settle();

  for (const [dog, reason] of [
    [deleted, 'the pet was deleted'],
    [dead, 'the pet died'],
  ] as const) {
    const held = await holdings(dog);
    expect(held.enrollment).toEqual({ status: 'WITHDRAWN', withdrawn: true });
    for (const session of [held.upcoming, held.pending]) {
      expect(session).toMatchObject({ status: 'CANCELLED', cancellation_reason: reason, cancelled_by: null });
      expect(session.history.at(-1)).toEqual({ to: 'CANCELLED', by: null, reason });
    }
    // Begun before the news: the trainer completes it or not.
    expect(held.begun.status).toBe('ACCEPTED');
    expect(held.appointment).toMatchObject({
      status: 'CANCELLED_BY_OWNER',
      cancellation_reason: reason,
      cancelled_by: null,
      current_bookings: 0,
      last_changed_by: null,
    });
    expect(held.waitlist.status).toBe('WITHDRAWN');
  }
  const kept = await holdings(alive);
  expect(kept.enrollment.status).toBe('ENROLLED');
  expect([kept.upcoming.status, kept.pending.status, kept.begun.status]).toEqual(['ACCEPTED', 'PENDING', 'ACCEPTED']);
  expect(kept.appointment).toMatchObject({ status: 'BOOKED', current_bookings: 1 });
  expect(kept.waitlist.status).toBe('WAITING');
  expect(await seatsTaken(programId)).toBe(1);

  // The trainer hears of each session cancelled for them, with why (and of nothing for the live dog's).
  const { trainingNotifications } = await must(stack, `{ trainingNotifications { type message } }`, {}, trainer.token);
  const cancellations = trainingNotifications.filter((n: { type: string }) => n.type === 'BOOKING_CANCELLED').map((n: { message: string }) => n.message);
  const told = (hour: number, reason: string) => `The session on ${tomorrowAt(hour)} was cancelled: ${reason}`;
  for (const [hour, reason] of [
    [8, 'the pet was deleted'],
    [9, 'the pet was deleted'],
    [12, 'the pet died'],
    [13, 'the pet died'],
  ] as const)
    expect(cancellations.filter((m: string) => m === told(hour, reason))).toHaveLength(1);
  for (const hour of [10, 14, 16, 17, 18]) expect(cancellations.filter((m: string) => m.includes(tomorrowAt(hour)))).toEqual([]);

  // The freed seats are taken again by a new dog.
  const [slotA2] = await healthcareSql(`select current_bookings from healthcare.availability_slots where id = $1`, [slotA]);
  expect(slotA2.current_bookings).toBe(0);
  const newcomer = await registerPet(stack, owner, { name: 'Newcomer', species: 'DOG' });
  await stack.settle();
  await must(stack, BOOK, { i: { slotId: slotA, petId: newcomer, service: 'general-exam' } }, owner.token);

  // A replay of the deletion (Kafka delivers at least once) changes no copy and so ends nothing twice.
  const historyBefore = await trainingSql(`select count(*)::int as n from training.booking_status_history`, []);
  const [copy] = await trainingSql(`select version from training.pet_copies where id = $1`, [deleted.dogId]);
  const replay = petContract.envelope({
    type: 'pet.deleted',
    aggregateId: deleted.dogId,
    version: copy.version,
    payload: { id: deleted.dogId, deleted: true },
  });
  await stack.subgraphs.training!.database.db.transaction((tx) => trainingPetProjection.apply(tx, [replay]));
  expect(await trainingSql(`select count(*)::int as n from training.booking_status_history`, [])).toEqual(historyBefore);
  expect(await stack.checkRules()).toEqual([]);
}, 180_000);

it('the rule checks name what breaks the rules: a seat held by a deleted dog, a miscounted program and slot', async () => {
  const programId = await openProgram();
  const [slot] = await openSlots(stack, clinic, { startTime: '19:00', endTime: '19:30' });
  const dog = await dogWithCommitments('Relic', programId, slot!, 6);
  await must(stack, `mutation($id: ID!) { deletePet(id: $id) }`, { id: dog.dogId }, owner.token);
  await stack.settle();
  // What a projection that skipped the rule would have left.
  await trainingSql(`update training.enrollments set status = 'ENROLLED', withdrawn_at = null where id = $1`, [dog.enrollmentId]);
  await trainingSql(`update training.bookings set status = 'PENDING', cancellation_reason = null where id = $1`, [dog.pending]);
  await healthcareSql(`update healthcare.waitlist_entries set status = 'WAITING' where id = $1`, [dog.waitlistId]);
  await healthcareSql(`update healthcare.appointments set status = 'BOOKED' where id = $1`, [dog.appointmentId]);
  const violations = await stack.checkRules();
  const named = Object.fromEntries(violations.map((v) => [`${v.division}: ${v.rule}`, v.ids]));
  expect(named).toEqual({
    'training: a deleted or DECEASED dog has no ENROLLED enrollment': [dog.enrollmentId],
    'training: a deleted or DECEASED dog has no PENDING or ACCEPTED session starting after training heard of it': [dog.pending],
    "training: a program's enrolled_count is its enrollments that are not WITHDRAWN": [programId],
    'healthcare: a deleted or DECEASED pet has no open appointment starting after healthcare heard of it': [dog.appointmentId],
    'healthcare: a deleted or DECEASED pet waits in no waitlist': [dog.waitlistId],
    "healthcare: a slot's current_bookings is the appointments holding it (all but cancelled ones)": [slot],
  });
  // Put back, so the stack's other checks stay meaningful.
  await trainingSql(`update training.enrollments set status = 'WITHDRAWN', withdrawn_at = now() where id = $1`, [dog.enrollmentId]);
  await trainingSql(`update training.bookings set status = 'CANCELLED', cancellation_reason = 'the pet was deleted' where id = $1`, [dog.pending]);
  await healthcareSql(`update healthcare.waitlist_entries set status = 'WITHDRAWN' where id = $1`, [dog.waitlistId]);
  await healthcareSql(`update healthcare.appointments set status = 'CANCELLED_BY_OWNER' where id = $1`, [dog.appointmentId]);
  expect(await stack.checkRules()).toEqual([]);
}, 180_000);
