import { core } from '@psa/core';
import { healthcare } from '@psa/healthcare';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, registerPets } from './helpers';
import { BOOK, createClinic, moveAppointmentIntoPast, openSlots, tomorrow } from './healthcare-fixtures';

/** Booking at healthcare's clinics, through the gateway, on PostgreSQL and Kafka. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([core, healthcare]);
}, 180_000);
afterAll(() => stack?.close());

const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

/** The slot's counter against the appointments that hold it: the rule current_bookings keeps. */
async function seatsOf(slotId: string) {
  const { rows } = await stack.subgraphs.healthcare!.sql.query(
    `select s.current_bookings as counter, s.max_bookings as max,
       (select count(*)::int from healthcare.appointments a where a.slot_id = s.id and a.status in ('BOOKED', 'RESCHEDULED')) as held
     from healthcare.availability_slots s where s.id = $1`,
    [slotId],
  );
  return rows[0] as { counter: number; max: number; held: number };
}

it('100 concurrent bookings of a one-seat slot give one booking and 99 CONFLICTs; a three-seat slot takes three', async () => {
  const clinic = await createClinic(stack);
  const [oneSeat] = await openSlots(stack, clinic);
  const [threeSeats] = await openSlots(stack, clinic, { startTime: '14:00', endTime: '14:30', maxBookings: 3 });
  const owner = await createOwner(stack, 'hc-crowd');
  const pets = await registerPets(stack, owner, 100);
  await stack.settle();
  const attempt = (slotId: string, petId: string) => stack.query(BOOK, { i: { slotId, petId, service: 'general-exam' } }, owner.token);
  const first = await Promise.all(pets.map((petId) => attempt(oneSeat!, petId)));
  const codes = first.map((r) => (r.errors ? String(codeOf(r)) : 'BOOKED'));
  expect(codes.filter((c) => c === 'BOOKED')).toHaveLength(1);
  expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(99);
  expect(await seatsOf(oneSeat!)).toEqual({ counter: 1, max: 1, held: 1 });
  const second = await Promise.all(pets.slice(0, 20).map((petId) => attempt(threeSeats!, petId)));
  expect(second.filter((r) => !r.errors)).toHaveLength(3);
  expect(await seatsOf(threeSeats!)).toEqual({ counter: 3, max: 3, held: 3 });
}, 240_000);

it('books, reschedules and cancels with a history of who and why; the freed slot is offered to the waitlist', async () => {
  const clinic = await createClinic(stack);
  const [a, b] = await openSlots(stack, clinic);
  const owner = await createOwner(stack, 'hc-lifecycle');
  const petId = await registerPet(stack, owner, { name: 'Biscuit' });
  const waiting = await createOwner(stack, 'hc-waiting');
  const waitingPet = await registerPet(stack, waiting, { name: 'Patience' });
  const second = await createOwner(stack, 'hc-waiting-second');
  const secondPet = await registerPet(stack, second, { name: 'Next' });
  await stack.settle();
  const { bookAppointment } = await must(stack, BOOK, { i: { slotId: a, petId, service: 'general-exam', ownerNotes: 'limping' } }, owner.token);
  expect(bookAppointment.status).toBe('BOOKED');
  expect(bookAppointment.confirmationCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  await must(
    stack,
    `mutation($i: JoinWaitlistInput!) { joinWaitlist(input: $i) { id } }`,
    { i: { clinicId: clinic.id, service: 'general-exam', petId: waitingPet, desiredDate: tomorrow().date } },
    waiting.token,
  );
  await must(
    stack,
    `mutation($i: JoinWaitlistInput!) { joinWaitlist(input: $i) { id } }`,
    { i: { clinicId: clinic.id, service: 'general-exam', petId: secondPet, desiredDate: tomorrow().date } },
    second.token,
  );
  const moved = await must(
    stack,
    `mutation($id: ID!, $s: ID!) { rescheduleAppointment(id: $id, slotId: $s, reason: "later suits") { status scheduledStart } }`,
    { id: bookAppointment.id, s: b },
    owner.token,
  );
  expect(moved.rescheduleAppointment).toEqual({ status: 'RESCHEDULED', scheduledStart: '09:30' });
  expect(await seatsOf(a!)).toMatchObject({ counter: 0, held: 0 });
  // Slot a freed up: the first in line is offered it.
  const { myWaitlist } = await must(stack, `{ myWaitlist { id status offeredSlot { id } } }`, {}, waiting.token);
  expect(myWaitlist).toEqual([{ id: expect.any(String), status: 'OFFERED', offeredSlot: { id: a } }]);
  // The first leaves the line: the offer passes to the next.
  await must(stack, `mutation($id: ID!) { leaveWaitlist(id: $id) { status } }`, { id: myWaitlist[0].id }, waiting.token);
  const next = await must(stack, `{ myWaitlist { status offeredSlot { id } } }`, {}, second.token);
  expect(next.myWaitlist).toEqual([{ status: 'OFFERED', offeredSlot: { id: a } }]);
  await must(stack, BOOK, { i: { slotId: a, petId: secondPet, service: 'general-exam' } }, second.token);
  expect((await must(stack, `{ myWaitlist { status } }`, {}, second.token)).myWaitlist).toEqual([{ status: 'BOOKED' }]);

  const blank = await stack.query(`mutation($id: ID!) { cancelAppointment(id: $id, reason: " ") { id } }`, { id: bookAppointment.id }, owner.token);
  expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  const cancelled = await must(
    stack,
    `mutation($id: ID!) { cancelAppointment(id: $id, reason: "feeling better") { status cancelledBy cancellationReason statusHistory { previousStatus newStatus changedBy reason } } }`,
    { id: bookAppointment.id },
    owner.token,
  );
  expect(cancelled.cancelAppointment).toEqual({
    status: 'CANCELLED_BY_OWNER',
    cancelledBy: 'hc-lifecycle',
    cancellationReason: 'feeling better',
    statusHistory: [
      { previousStatus: null, newStatus: 'BOOKED', changedBy: 'hc-lifecycle', reason: 'booked' },
      { previousStatus: 'BOOKED', newStatus: 'RESCHEDULED', changedBy: 'hc-lifecycle', reason: 'later suits' },
      { previousStatus: 'RESCHEDULED', newStatus: 'CANCELLED_BY_OWNER', changedBy: 'hc-lifecycle', reason: 'feeling better' },
    ],
  });
  expect(await seatsOf(b!)).toMatchObject({ counter: 0, held: 0 });
  const again = await stack.query(`mutation($id: ID!) { cancelAppointment(id: $id, reason: "twice") { id } }`, { id: bookAppointment.id }, owner.token);
  expect(codeOf(again)).toBe('CONFLICT');
}, 120_000);

it('refuses a pet core says is DECEASED or deleted, a species the service does not take, and someone else’s pet', async () => {
  const clinic = await createClinic(stack, {}, [{ service: 'general-exam', acceptedSpecies: ['CAT'] }, { service: 'vaccination' }]);
  const [slot] = await openSlots(stack, clinic);
  const owner = await createOwner(stack, 'hc-refusals');
  const dog = await registerPet(stack, owner, { name: 'Dog' });
  const late = await registerPet(stack, owner, { name: 'Late' });
  const gone = await registerPet(stack, owner, { name: 'Gone' });
  await must(stack, `mutation($id: ID!) { changePetStatus(id: $id, status: DECEASED) { id } }`, { id: late }, owner.token);
  await must(stack, `mutation($id: ID!) { deletePet(id: $id) }`, { id: gone }, owner.token);
  const stranger = await createOwner(stack, 'hc-stranger');
  await stack.settle();
  const book = (petId: string, service: string, token = owner.token) => stack.query(BOOK, { i: { slotId: slot, petId, service } }, token);
  expect((await book(dog, 'general-exam')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.petId' });
  expect((await book(late, 'vaccination')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.petId' });
  expect(codeOf(await book(gone, 'vaccination'))).toBe('NOT_FOUND');
  expect(codeOf(await book(dog, 'vaccination', stranger.token))).toBe('FORBIDDEN');
  expect((await book(dog, 'dental-cleaning')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.service' });
  expect(await seatsOf(slot!)).toMatchObject({ counter: 0, held: 0 });
}, 120_000);

it('reception checks in, the vet sees their schedule and completes; owners never read clinic notes; strangers see nothing', async () => {
  const clinic = await createClinic(stack);
  const [slot] = await openSlots(stack, clinic);
  const owner = await createOwner(stack, 'hc-visit');
  const petId = await registerPet(stack, owner, { name: 'Visit' });
  await stack.settle();
  const { bookAppointment } = await must(stack, BOOK, { i: { slotId: slot, petId, service: 'vaccination' } }, owner.token);
  const id = bookAppointment.id;
  expect(codeOf(await stack.query(`mutation($id: ID!) { checkInAppointment(id: $id) { id } }`, { id }, owner.token))).toBe('FORBIDDEN');
  await must(stack, `mutation($id: ID!) { checkInAppointment(id: $id) { checkedInAt } }`, { id }, clinic.receptionist);
  const schedule = await must(stack, `query($d: Date!) { myVetSchedule(date: $d) { id } }`, { d: tomorrow().date }, clinic.vet);
  expect(schedule.myVetSchedule).toEqual([{ id }]);
  // Tomorrow's visit is neither completed nor missed today.
  for (const [op, token] of [
    [`mutation($id: ID!) { completeAppointment(id: $id) { status } }`, clinic.vet],
    [`mutation($id: ID!) { markNoShow(id: $id) { status } }`, clinic.receptionist],
  ] as const) {
    expect((await stack.query(op, { id }, token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  }
  await moveAppointmentIntoPast(stack, id);
  await must(stack, `mutation($id: ID!) { completeAppointment(id: $id, input: { clinicNotes: "booster due in a year" }) { status } }`, { id }, clinic.vet);
  const asOwner = await must(stack, `query($id: ID!) { appointment(id: $id) { status clinicNotes } }`, { id }, owner.token);
  expect(asOwner.appointment).toEqual({ status: 'COMPLETED', clinicNotes: null });
  const asClinic = await must(stack, `query($id: ID!) { appointment(id: $id) { clinicNotes } }`, { id }, clinic.admin);
  expect(asClinic.appointment.clinicNotes).toBe('booster due in a year');
  // Another clinic's staff and another owner: not found, whichever way they ask.
  const other = await createClinic(stack);
  const stranger = await createOwner(stack, 'hc-visit-stranger');
  for (const token of [other.admin, other.receptionist, stranger.token]) {
    expect(codeOf(await stack.query(`query($id: ID!) { appointment(id: $id) { id } }`, { id }, token))).toBe('NOT_FOUND');
    expect(
      codeOf(await stack.query(`query($c: String!) { appointmentByConfirmationCode(code: $c) { id } }`, { c: bookAppointment.confirmationCode }, token)),
    ).toBe('NOT_FOUND');
    expect(codeOf(await stack.query(`mutation($id: ID!) { cancelAppointment(id: $id, reason: "mine now") { id } }`, { id }, token))).toBe('NOT_FOUND');
  }
  const petRead = await stack.query(`query($p: ID!) { pet(id: $p) { appointments { id } } }`, { p: petId }, stranger.token);
  expect(petRead.data).toEqual({ pet: null });
  const mine = await must(stack, `{ me { appointments { id } pets { appointments { id status clinic { id } } } } }`, {}, owner.token);
  expect(mine.me).toEqual({ appointments: [{ id }], pets: [{ appointments: [{ id, status: 'COMPLETED', clinic: { id: clinic.id } }] }] });
}, 120_000);

it('a slot that has started, by the clinic’s clock, is neither offered nor booked', async () => {
  const clinic = await createClinic(stack);
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  // The clinic keeps UTC: a slot at 00:00 today has started whenever this runs.
  await must(
    stack,
    `mutation($c: ID!, $i: SlotRuleInput!) { addSlotRule(clinicId: $c, input: $i) { id } }`,
    { c: clinic.id, i: { dayOfWeek: now.getUTCDay(), startTime: '00:00', endTime: '00:05', slotMinutes: 5 } },
    clinic.admin,
  );
  await must(stack, `mutation($c: ID!, $d: Date!) { generateSlots(clinicId: $c, from: $d, to: $d) }`, { c: clinic.id, d: today }, clinic.admin);
  const { rows } = await stack.subgraphs.healthcare!.sql.query(`select id from healthcare.availability_slots where clinic_id = $1 and slot_date = $2`, [
    clinic.id,
    today,
  ]);
  expect(rows).toHaveLength(1);
  const { availableSlots } = await must(
    stack,
    `query($c: ID!, $d: Date!) { availableSlots(clinicId: $c, date: $d) { id } }`,
    { c: clinic.id, d: today },
    clinic.admin,
  );
  expect(availableSlots).toEqual([]);
  const owner = await createOwner(stack, 'hc-late');
  const petId = await registerPet(stack, owner, { name: 'Late' });
  await stack.settle();
  const res = await stack.query(BOOK, { i: { slotId: rows[0].id, petId, service: 'general-exam' } }, owner.token);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.slotId' });
  expect(res.errors?.[0]?.message).toContain('has started');
  // Nor offered from the waitlist: an offer of it given up does not pass to the next in line.
  const next = await createOwner(stack, 'hc-late-next');
  const nextPet = await registerPet(stack, next, { name: 'Later' });
  await stack.settle();
  const JOIN = `mutation($i: JoinWaitlistInput!) { joinWaitlist(input: $i) { id } }`;
  const wait = (petId: string) => ({ i: { clinicId: clinic.id, service: 'general-exam', petId, desiredDate: today } });
  const { joinWaitlist: offered } = await must(stack, JOIN, wait(petId), owner.token);
  await must(stack, JOIN, wait(nextPet), next.token);
  // The set-up: an offer made before the slot began.
  await stack.subgraphs.healthcare!.sql.query(
    `update healthcare.waitlist_entries set status = 'OFFERED', offered_slot_id = $2, offered_at = now() where id = $1`,
    [offered.id, rows[0].id],
  );
  await must(stack, `mutation($id: ID!) { leaveWaitlist(id: $id) { status } }`, { id: offered.id }, owner.token);
  expect((await must(stack, `{ myWaitlist { status offeredSlot { id } } }`, {}, next.token)).myWaitlist).toEqual([{ status: 'WAITING', offeredSlot: null }]);
}, 60_000);
