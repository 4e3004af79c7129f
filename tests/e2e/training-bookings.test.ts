import { core } from '@psa/core';
import { training } from '@psa/training';
import { startTestStack, type TestStack } from '@psa/testing';
import { must, registerPet } from './helpers';
import { seedTrainer, tomorrowAt } from './training-fixtures';
import { ACCEPT, BOOK_TRAINING, book, CANCEL, codeOf, COMPLETE, moveSessionIntoPast, ownerWithDog, refusal } from './training-booking-fixtures';

/** Booking dog training, through the gateway, on PostgreSQL and Kafka. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([core, training]);
}, 180_000);
afterAll(() => stack?.close());

const sql = () => stack.subgraphs.training!.sql;

/** Pairs of a trainer's ACCEPTED bookings whose sessions overlap: the invariant says none. */
async function overlappingAccepted(trainerId: string): Promise<number> {
  const { rows } = await sql().query(
    `select count(*)::int as n from training.bookings a join training.bookings b
       on a.trainer_id = b.trainer_id and a.id < b.id and a.start_time < b.end_time and b.start_time < a.end_time
     where a.trainer_id = $1 and a.status = 'ACCEPTED' and b.status = 'ACCEPTED'`,
    [trainerId],
  );
  return rows[0].n;
}

it('50 concurrent accepts of 50 overlapping bookings of one trainer: one ACCEPTED, 49 CONFLICT, no overlap among the accepted', async () => {
  const trainer = await seedTrainer(stack);
  const { owner, dogId } = await ownerWithDog(stack, 'tb-crowd');
  const ids: string[] = [];
  // Every session starts between 10:00 and 10:49 and lasts an hour: each overlaps all the others.
  for (let batch = 0; batch < 50; batch += 10) {
    ids.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => book(stack, trainer, owner, dogId, tomorrowAt(10, batch + i))))));
  }
  const answers = await Promise.all(ids.map((id) => stack.query(ACCEPT, { id }, trainer.token)));
  const codes = answers.map((a) => (a.errors ? String(codeOf(a)) : a.data.acceptTrainingBooking.status));
  expect(codes.filter((c) => c === 'ACCEPTED')).toHaveLength(1);
  expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(49);
  const { rows } = await sql().query(`select status, count(*)::int as n from training.bookings where trainer_id = $1 group by status order by status`, [
    trainer.id,
  ]);
  expect(rows).toEqual([
    { status: 'PENDING', n: 49 },
    { status: 'ACCEPTED', n: 1 },
  ]);
  expect(await overlappingAccepted(trainer.id)).toBe(0);
  // A later session that touches the accepted one's end is no overlap.
  const accepted = ids[codes.indexOf('ACCEPTED')]!;
  const { rows: end } = await sql().query(`select end_time from training.bookings where id = $1`, [accepted]);
  const adjacent = await book(stack, trainer, owner, dogId, (end[0].end_time as Date).toISOString());
  await must(stack, ACCEPT, { id: adjacent }, trainer.token);
  expect(await overlappingAccepted(trainer.id)).toBe(0);
}, 240_000);

it('a booking overlapping an accepted session is CONFLICT; outside the weekly windows, or in the past, BAD_USER_INPUT naming input.startTime', async () => {
  const trainer = await seedTrainer(stack);
  const { owner, dogId } = await ownerWithDog(stack, 'tb-times');
  const attempt = (startTime: string) =>
    stack.query(BOOK_TRAINING, { i: { trainerId: trainer.id, serviceId: trainer.serviceId, dogId, startTime } }, owner.token);
  const first = await book(stack, trainer, owner, dogId, tomorrowAt(9));
  // Requests may overlap while pending: the trainer picks which to accept.
  const rival = await book(stack, trainer, owner, dogId, tomorrowAt(9, 30));
  await must(stack, ACCEPT, { id: first }, trainer.token);
  expect(refusal(await attempt(tomorrowAt(9, 59)))).toMatchObject({ code: 'CONFLICT', field: 'input.startTime' });
  expect(refusal(await attempt(tomorrowAt(8, 1)))).toMatchObject({ code: 'CONFLICT', field: 'input.startTime' });
  expect(codeOf(await stack.query(ACCEPT, { id: rival }, trainer.token))).toBe('CONFLICT');
  // The windows are 06:00 to 22:00 UTC: a session from 21:30 ends past 22:00, one at 05:00 starts before 06:00.
  for (const outside of [tomorrowAt(21, 30), tomorrowAt(5), tomorrowAt(22)]) {
    expect(refusal(await attempt(outside))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startTime' });
  }
  expect((await attempt(tomorrowAt(21))).errors).toBeUndefined();
  expect(refusal(await attempt(new Date(Date.now() - 3600_000).toISOString()))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startTime' });
}, 120_000);

it("the windows are the trainer's local time", async () => {
  const trainer = await seedTrainer(stack);
  // Tokyo has no daylight saving: 06:00 to 22:00 there is 21:00 to 13:00 UTC.
  await sql().query(`update training.trainers set timezone = 'Asia/Tokyo' where id = $1`, [trainer.id]);
  const { owner, dogId } = await ownerWithDog(stack, 'tb-tokyo');
  const attempt = (startTime: string) =>
    stack.query(BOOK_TRAINING, { i: { trainerId: trainer.id, serviceId: trainer.serviceId, dogId, startTime } }, owner.token);
  expect((await attempt(tomorrowAt(3))).errors).toBeUndefined();
  expect(refusal(await attempt(tomorrowAt(14)))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startTime' });
  // 12:30 UTC is 21:30 in Tokyo: the hour ends past the window.
  expect(refusal(await attempt(tomorrowAt(12, 30)))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startTime' });
}, 120_000);

it("only the owner's own live dogs, with a verified trainer's active service", async () => {
  const trainer = await seedTrainer(stack);
  const unverified = await seedTrainer(stack, { verified: false });
  const { owner, dogId } = await ownerWithDog(stack, 'tb-rules');
  const cat = await registerPet(stack, owner, { name: 'Tom', species: 'CAT' });
  const old = await registerPet(stack, owner, { name: 'Old Rex' });
  await must(stack, `mutation($id: ID!) { changePetStatus(id: $id, status: DECEASED) { id } }`, { id: old }, owner.token);
  const other = await ownerWithDog(stack, 'tb-rules-other');
  await stack.settle();
  const attempt = (i: Record<string, unknown>) =>
    stack.query(BOOK_TRAINING, { i: { trainerId: trainer.id, serviceId: trainer.serviceId, dogId, startTime: tomorrowAt(11), ...i } }, owner.token);
  expect(refusal(await attempt({ dogId: cat }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dogId' });
  expect(refusal(await attempt({ dogId: old }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dogId' });
  expect(codeOf(await attempt({ dogId: other.dogId }))).toBe('FORBIDDEN');
  expect(codeOf(await attempt({ dogId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  expect(refusal(await attempt({ trainerId: unverified.id, serviceId: unverified.serviceId }))).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.trainerId',
  });
  expect(refusal(await attempt({ serviceId: unverified.serviceId }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceId' });
  await sql().query(`update training.trainer_services set is_active = false where id = $1`, [trainer.serviceId]);
  expect(refusal(await attempt({}))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceId' });
  await sql().query(`update training.trainer_services set is_active = true where id = $1`, [trainer.serviceId]);
  expect(refusal(await attempt({ notes: 'bad\u0000byte' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.notes' });
  // A trainer without an owner profile books nothing.
  const asTrainer = await stack.query(
    BOOK_TRAINING,
    { i: { trainerId: trainer.id, serviceId: trainer.serviceId, dogId, startTime: tomorrowAt(11) } },
    trainer.token,
  );
  expect(codeOf(asTrainer)).toBe('FORBIDDEN');
  const { rows } = await sql().query(`select count(*)::int as n from training.bookings where trainer_id in ($1, $2)`, [trainer.id, unverified.id]);
  expect(rows[0].n).toBe(0);
}, 120_000);

it('the price is the snapshot taken at booking, whatever the service costs later', async () => {
  const trainer = await seedTrainer(stack, { priceCents: 7500, durationMinutes: 90 });
  const { owner, dogId } = await ownerWithDog(stack, 'tb-price');
  const { bookTraining } = await must(
    stack,
    BOOK_TRAINING,
    { i: { trainerId: trainer.id, serviceId: trainer.serviceId, dogId, startTime: tomorrowAt(12) } },
    owner.token,
  );
  expect(bookTraining).toMatchObject({ status: 'PENDING', priceSnapshotCents: 7500, currency: 'USD', startTime: tomorrowAt(12), endTime: tomorrowAt(13, 30) });
  await sql().query(`update training.trainer_services set price_cents = 9900 where id = $1`, [trainer.serviceId]);
  const read = await must(stack, `query($id: ID!) { trainingBooking(id: $id) { priceSnapshotCents serviceId } }`, { id: bookTraining.id }, owner.token);
  expect(read.trainingBooking).toEqual({ priceSnapshotCents: 7500, serviceId: trainer.serviceId });
  const { rows } = await sql().query(`select price_snapshot_cents from training.bookings where id = $1`, [bookTraining.id]);
  expect(rows).toEqual([{ price_snapshot_cents: 7500 }]);
}, 120_000);

it('statuses move only along the flow, each change in the history with who and why', async () => {
  const trainer = await seedTrainer(stack);
  const { owner, dogId } = await ownerWithDog(stack, 'tb-flow');
  const id = await book(stack, trainer, owner, dogId, tomorrowAt(7));
  expect(refusal(await stack.query(COMPLETE, { id }, trainer.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  expect(codeOf(await stack.query(ACCEPT, { id }, owner.token))).toBe('FORBIDDEN');
  await must(stack, ACCEPT, { id }, trainer.token);
  // Accepted but not started yet.
  expect(refusal(await stack.query(COMPLETE, { id }, trainer.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  // The session must have started to be completed: moved into the past by SQL (set-up, see moveSessionIntoPast).
  await moveSessionIntoPast(stack, id);
  expect(codeOf(await stack.query(COMPLETE, { id }, owner.token))).toBe('FORBIDDEN');
  const { completeTrainingBooking } = await must(stack, COMPLETE, { id }, trainer.token);
  expect(completeTrainingBooking).toMatchObject({ status: 'COMPLETED', completedAt: expect.any(String) });
  expect(refusal(await stack.query(CANCEL, { id, r: 'changed my mind' }, owner.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  expect(refusal(await stack.query(COMPLETE, { id }, trainer.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

  const cancelled = await book(stack, trainer, owner, dogId, tomorrowAt(15));
  expect(refusal(await stack.query(CANCEL, { id: cancelled, r: '   ' }, owner.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  expect(refusal(await stack.query(CANCEL, { id: cancelled, r: 'ill\u0000' }, owner.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  const { cancelTrainingBooking } = await must(stack, CANCEL, { id: cancelled, r: 'Rex is unwell' }, owner.token);
  expect(cancelTrainingBooking).toEqual({ id: cancelled, status: 'CANCELLED', cancellationReason: 'Rex is unwell', cancelledBy: owner.clerkId });
  expect(refusal(await stack.query(ACCEPT, { id: cancelled }, trainer.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

  const declined = await book(stack, trainer, owner, dogId, tomorrowAt(17));
  const DECLINE = `mutation($id: ID!) { declineTrainingBooking(id: $id, reason: "fully booked that week") { status cancelledBy } }`;
  expect(codeOf(await stack.query(DECLINE, { id: declined }, owner.token))).toBe('FORBIDDEN');
  expect((await must(stack, DECLINE, { id: declined }, trainer.token)).declineTrainingBooking).toEqual({ status: 'CANCELLED', cancelledBy: trainer.subject });

  const HISTORY = `query($id: ID!) { trainingBooking(id: $id) { history { fromStatus toStatus changedBy reason } } }`;
  expect((await must(stack, HISTORY, { id }, owner.token)).trainingBooking.history).toEqual([
    { fromStatus: null, toStatus: 'PENDING', changedBy: owner.clerkId, reason: 'booked' },
    { fromStatus: 'PENDING', toStatus: 'ACCEPTED', changedBy: trainer.subject, reason: null },
    { fromStatus: 'ACCEPTED', toStatus: 'COMPLETED', changedBy: trainer.subject, reason: null },
  ]);
  expect((await must(stack, HISTORY, { id: cancelled }, trainer.token)).trainingBooking.history).toEqual([
    { fromStatus: null, toStatus: 'PENDING', changedBy: owner.clerkId, reason: 'booked' },
    { fromStatus: 'PENDING', toStatus: 'CANCELLED', changedBy: owner.clerkId, reason: 'Rex is unwell' },
  ]);
  expect((await must(stack, HISTORY, { id: declined }, owner.token)).trainingBooking.history[1]).toEqual({
    fromStatus: 'PENDING',
    toStatus: 'CANCELLED',
    changedBy: trainer.subject,
    reason: 'fully booked that week',
  });
  const PENDING_ONLY = `{ myTrainerBookings(status: PENDING) { id } }`;
  expect((await must(stack, PENDING_ONLY, {}, trainer.token)).myTrainerBookings).toEqual([]);
  expect((await must(stack, `{ myTrainerBookings { id } }`, {}, trainer.token)).myTrainerBookings.map((b: { id: string }) => b.id)).toEqual([
    id,
    cancelled,
    declined,
  ]);
}, 120_000);

it("the trainer sees the booked dog, never the owner's pet; other trainers and owners are FORBIDDEN", async () => {
  const trainer = await seedTrainer(stack);
  const otherTrainer = await seedTrainer(stack);
  const { owner, dogId } = await ownerWithDog(stack, 'tb-privacy', {
    name: 'Biscuit',
    breed: ['Labrador Retriever'],
    size: 'LARGE',
    notes: 'Pulls on the lead',
    microchipNumber: '985112345678901',
  });
  const stranger = await ownerWithDog(stack, 'tb-privacy-stranger');
  const id = await book(stack, trainer, owner, dogId, tomorrowAt(13));
  const READ = `query($id: ID!) { trainingBooking(id: $id) { id dog { name breed size notes } pet { id name microchipNumber } trainer { id } } }`;
  const asTrainer = await stack.query(READ, { id }, trainer.token);
  expect(asTrainer.errors).toBeUndefined();
  expect(asTrainer.data.trainingBooking).toEqual({
    id,
    dog: { name: 'Biscuit', breed: ['Labrador Retriever'], size: 'LARGE', notes: 'Pulls on the lead' },
    pet: null,
    trainer: { id: trainer.id },
  });
  // Nor through core: the pet and its training bookings are the owner's.
  const viaCore = await stack.query(`query($id: ID!) { pet(id: $id) { name microchipNumber trainingBookings { id } } }`, { id: dogId }, trainer.token);
  expect(viaCore.data?.pet ?? null).toBeNull();
  const asOwner = await must(stack, READ, { id }, owner.token);
  expect(asOwner.trainingBooking.pet).toEqual({ id: dogId, name: 'Biscuit', microchipNumber: '985112345678901' });
  const mine = await must(stack, `query($p: ID!) { me { trainingBookings { id } } pet(id: $p) { trainingBookings { id } } }`, { p: dogId }, owner.token);
  expect(mine).toEqual({ me: { trainingBookings: [{ id }] }, pet: { trainingBookings: [{ id }] } });
  for (const outsider of [otherTrainer.token, stranger.owner.token]) {
    expect(codeOf(await stack.query(READ, { id }, outsider))).toBe('FORBIDDEN');
    expect(codeOf(await stack.query(CANCEL, { id, r: 'not mine' }, outsider))).toBe('FORBIDDEN');
    expect(codeOf(await stack.query(ACCEPT, { id }, outsider))).toBe('FORBIDDEN');
  }
  expect((await must(stack, `{ myTrainerBookings { id } }`, {}, otherTrainer.token)).myTrainerBookings).toEqual([]);
  expect(codeOf(await stack.query(`{ myTrainerBookings { id } }`, {}, owner.token))).toBe('FORBIDDEN');
  expect(codeOf(await stack.query(READ, { id: '00000000-0000-4000-8000-000000000000' }, owner.token))).toBe('NOT_FOUND');
  const admin = await stack.token('tb-privacy-admin', ['admin']);
  expect((await must(stack, READ, { id }, admin)).trainingBooking.dog.name).toBe('Biscuit');
}, 120_000);

it('each change is told to the other side in its notifications, and to no one else', async () => {
  const trainer = await seedTrainer(stack);
  const { owner, dogId } = await ownerWithDog(stack, 'tb-notices');
  const { owner: stranger } = await ownerWithDog(stack, 'tb-notices-stranger');
  const NOTICES = `{ trainingNotifications { type message isRead } }`;
  const types = async (token: string) => ((await must(stack, NOTICES, {}, token)).trainingNotifications as { type: string }[]).map((n) => n.type);
  const first = await book(stack, trainer, owner, dogId, tomorrowAt(8));
  expect(await types(trainer.token)).toEqual(['BOOKING_REQUESTED']);
  await must(stack, ACCEPT, { id: first }, trainer.token);
  expect(await types(owner.token)).toEqual(['BOOKING_ACCEPTED']);
  await must(stack, CANCEL, { id: first, r: 'Moving house' }, owner.token);
  expect((await types(trainer.token)).sort()).toEqual(['BOOKING_CANCELLED', 'BOOKING_REQUESTED']);
  expect(await types(owner.token)).toEqual(['BOOKING_ACCEPTED']);
  const second = await book(stack, trainer, owner, dogId, tomorrowAt(9));
  await must(stack, `mutation($id: ID!) { declineTrainingBooking(id: $id, reason: "Fully booked") { id } }`, { id: second }, trainer.token);
  const told = (await must(stack, NOTICES, {}, owner.token)).trainingNotifications as { type: string; message: string }[];
  expect(told.find((n) => n.type === 'BOOKING_DECLINED')?.message).toMatch(/Fully booked$/);
  expect(await types(stranger.token)).toEqual([]);
}, 120_000);
