import { core } from '@psa/core';
import type { TestPaymentProvider } from '@psa/payments';
import { applyRetention } from '@psa/subgraph-kit';
import { training } from '@psa/training';
import { paymentProvider } from '@psa/training/src/modules/payments/provider';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, type TestOwner } from './helpers';
import { seedTrainer, tomorrowAt, type TestTrainer } from './training-fixtures';

/** Paying trainers' bookings, refunds and trainers' payouts, through the gateway, on PostgreSQL and Kafka. */
let stack: TestStack;
let admin: string;
beforeAll(async () => {
  stack = await startTestStack([core, training]);
  admin = await stack.token('tr-pay-admin', ['admin']);
}, 180_000);
afterAll(() => stack?.close());

const provider = paymentProvider as TestPaymentProvider;
type Response = Awaited<ReturnType<TestStack['query']>>;
const codeOf = (res: Response) => res.errors?.[0]?.extensions?.code;
const errorOf = (res: Response) => res.errors?.[0]?.extensions;

const PAYMENT_FIELDS = 'id bookingId status amountCents currency provider failureReason paidAt refundedAt';
const PAY = `mutation($i: PayForTrainingBookingInput!) { payForTrainingBooking(input: $i) { ${PAYMENT_FIELDS} } }`;
const REFUND = `mutation($id: ID!, $r: String!) { refundTrainingPayment(paymentId: $id, reason: $r) { ${PAYMENT_FIELDS} } }`;
const READ = `query($id: ID!) { trainingPayment(id: $id) { id status } }`;
const RUN = `mutation($t: ID!) { runTrainerPayout(trainerId: $t) { id amountCents status items { bookingId amountCents payment { id } } } }`;
const PROCESS = `mutation($id: ID!) { processTrainerPayout(id: $id) { id status processedAt } }`;

interface DogOwner extends TestOwner {
  dogId: string;
}

async function dogOwner(subject: string): Promise<DogOwner> {
  const owner = await createOwner(stack, subject);
  const dogId = await registerPet(stack, owner, { name: `Dog of ${subject}`, species: 'DOG' });
  return { ...owner, dogId };
}

let nextHour = 0;
/** A booking as the bookings module would have left it (set-up; the rules under test go through the gateway). */
async function booking(owner: DogOwner, trainer: TestTrainer, status: 'PENDING' | 'ACCEPTED' | 'COMPLETED' | 'CANCELLED', priceCents = 6000): Promise<string> {
  // Each its own hour, so no two bookings of a trainer overlap.
  const start = new Date(Date.parse(tomorrowAt(0)) + nextHour++ * 3600_000);
  const { rows } = await stack.subgraphs.training!.sql.query(
    `insert into training.bookings (trainer_id, owner_id, dog_id, service_id, start_time, end_time, price_snapshot_cents, status, cancellation_reason, completed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      trainer.id,
      owner.id,
      owner.dogId,
      trainer.serviceId,
      start.toISOString(),
      new Date(start.getTime() + 3600_000).toISOString(),
      priceCents,
      status,
      status === 'CANCELLED' ? 'owner changed plans' : null,
      status === 'COMPLETED' ? new Date().toISOString() : null,
    ],
  );
  return rows[0].id;
}

async function pay(owner: TestOwner, bookingId: string, key: string, token = 'tok_visa') {
  return (await must(stack, PAY, { i: { bookingId, providerToken: token, idempotencyKey: key } }, owner.token)).payForTrainingBooking;
}

const chargesOf = (paymentId: string) => provider.calls.filter((c) => c.kind === 'charge' && c.idempotencyKey === paymentId);

it('an owner pays an accepted booking its price snapshot; bad inputs name their field; another owner can neither pay nor read it', async () => {
  const trainer = await seedTrainer(stack);
  const owner = await dogOwner('tr-pay-owner');
  const stranger = await dogOwner('tr-pay-stranger');
  const accepted = await booking(owner, trainer, 'ACCEPTED', 7250);
  const attempt = (i: Record<string, unknown>, token = owner.token) =>
    stack.query(PAY, { i: { bookingId: accepted, providerToken: 'tok_visa', idempotencyKey: 'k', ...i } }, token);

  expect(errorOf(await attempt({ providerToken: '4242 4242 4242 4242' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providerToken' });
  expect(errorOf(await attempt({ providerToken: '  ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providerToken' });
  expect(errorOf(await attempt({ idempotencyKey: '' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
  expect(errorOf(await attempt({ idempotencyKey: 'k'.repeat(101) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
  for (const status of ['PENDING', 'CANCELLED'] as const)
    expect(errorOf(await attempt({ bookingId: await booking(owner, trainer, status) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.bookingId' });
  for (const bookingId of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) expect(codeOf(await attempt({ bookingId }))).toBe('NOT_FOUND');
  // Someone else's booking is not theirs to pay, nor to learn of.
  expect(codeOf(await attempt({}, stranger.token))).toBe('NOT_FOUND');
  expect(codeOf(await attempt({}, await stack.token('tr-pay-no-profile')))).toBe('FORBIDDEN');
  expect(await stack.subgraphs.training!.sql.query(`select 1 from training.payments where booking_id = $1`, [accepted])).toMatchObject({ rowCount: 0 });

  const paid = await pay(owner, accepted, 'first');
  expect(paid).toMatchObject({ bookingId: accepted, status: 'PAID', amountCents: 7250, currency: 'USD', provider: 'test', failureReason: null });
  expect(paid.paidAt).not.toBeNull();
  // Paid once: another key is a second payment of the booking.
  expect(errorOf(await attempt({ idempotencyKey: 'second' }))).toMatchObject({ code: 'CONFLICT', field: 'input.bookingId' });
  // The first key again, for another booking: not a retry.
  const completed = await booking(owner, trainer, 'COMPLETED');
  expect(errorOf(await attempt({ bookingId: completed, idempotencyKey: 'first' }))).toMatchObject({ code: 'CONFLICT', field: 'input.idempotencyKey' });
  expect((await pay(owner, completed, 'for-completed')).status).toBe('PAID');

  // Read by the owner, the booking's trainer and admins; by nobody else.
  const otherTrainer = await seedTrainer(stack);
  for (const reader of [owner.token, trainer.token, admin])
    expect((await must(stack, READ, { id: paid.id }, reader)).trainingPayment).toEqual({ id: paid.id, status: 'PAID' });
  for (const reader of [stranger.token, otherTrainer.token, await stack.token(trainer.subject)])
    expect((await must(stack, READ, { id: paid.id }, reader)).trainingPayment).toBeNull();
  const mine = `{ myTrainingPayments { id bookingId } }`;
  expect((await must(stack, mine, {}, owner.token)).myTrainingPayments.map((p: { bookingId: string }) => p.bookingId).sort()).toEqual(
    [accepted, completed].sort(),
  );
  expect((await must(stack, mine, {}, stranger.token)).myTrainingPayments).toEqual([]);
}, 120_000);

it('ten retries at once with one key are one payment charged once; a declined card fails with its reason and a new key may pay', async () => {
  const trainer = await seedTrainer(stack);
  const owner = await dogOwner('tr-pay-retry');
  const bookingId = await booking(owner, trainer, 'ACCEPTED');

  const declined = await pay(owner, bookingId, 'declined', 'tok_chargeDeclined');
  expect(declined).toMatchObject({ status: 'FAILED', failureReason: 'card_declined', paidAt: null });
  // The same key again answers the same failure; the provider is not asked again.
  expect(await pay(owner, bookingId, 'declined', 'tok_visa')).toEqual(declined);
  expect(chargesOf(declined.id)).toHaveLength(1);

  const answers = await Promise.all(
    Array.from({ length: 10 }, () => stack.query(PAY, { i: { bookingId, providerToken: 'tok_visa', idempotencyKey: 'retried' } }, owner.token)),
  );
  expect(answers.map((a) => a.errors)).toEqual(Array(10).fill(undefined));
  const ids = new Set(answers.map((a) => a.data!.payForTrainingBooking.id));
  expect(ids.size).toBe(1);
  const [paymentId] = [...ids] as [string];
  expect(answers[0]!.data!.payForTrainingBooking).toMatchObject({ status: 'PAID', amountCents: 6000 });
  expect(chargesOf(paymentId)).toEqual([{ kind: 'charge', idempotencyKey: paymentId, replayed: false }]);
  const { rows } = await stack.subgraphs.training!.sql.query(
    `select status, count(*)::int as n from training.payments where booking_id = $1 group by status order by status`,
    [bookingId],
  );
  expect(rows).toEqual([
    { status: 'PAID', n: 1 },
    { status: 'FAILED', n: 1 },
  ]);
}, 120_000);

it('five payments of one booking at once with different keys: one is paid, the others are refused', async () => {
  const trainer = await seedTrainer(stack);
  const owner = await dogOwner('tr-pay-race');
  const bookingId = await booking(owner, trainer, 'COMPLETED');
  const answers = await Promise.all(
    Array.from({ length: 5 }, (_, n) => stack.query(PAY, { i: { bookingId, providerToken: 'tok_visa', idempotencyKey: `key-${n}` } }, owner.token)),
  );
  expect(answers.filter((a) => !a.errors).map((a) => a.data!.payForTrainingBooking.status)).toEqual(['PAID']);
  expect(answers.filter((a) => a.errors).map(errorOf)).toEqual(Array(4).fill(expect.objectContaining({ code: 'CONFLICT', field: 'input.bookingId' })));
  const { rows } = await stack.subgraphs.training!.sql.query(`select status from training.payments where booking_id = $1`, [bookingId]);
  expect(rows).toEqual([{ status: 'PAID' }]);
}, 120_000);

it('admins and the booking’s trainer refund a paid payment once, even asked at once; its owner and other trainers cannot', async () => {
  const trainer = await seedTrainer(stack);
  const otherTrainer = await seedTrainer(stack);
  const owner = await dogOwner('tr-refund-owner');
  const paid = await pay(owner, await booking(owner, trainer, 'ACCEPTED'), 'pay');
  const refund = (token: string, id = paid.id, r = 'trainer fell ill') => stack.query(REFUND, { id, r }, token);

  expect(codeOf(await refund(owner.token))).toBe('FORBIDDEN');
  expect(codeOf(await refund(otherTrainer.token))).toBe('NOT_FOUND');
  expect(codeOf(await refund(admin, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
  expect(errorOf(await refund(trainer.token, paid.id, ' '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

  const racing = await Promise.all([...Array.from({ length: 4 }, () => refund(trainer.token)), refund(admin)]);
  const done = racing.filter((r) => !r.errors);
  expect(done).toHaveLength(1);
  expect(done[0]!.data!.refundTrainingPayment).toMatchObject({ id: paid.id, status: 'REFUNDED', amountCents: 6000 });
  expect(done[0]!.data!.refundTrainingPayment.refundedAt).not.toBeNull();
  // The others find it REFUNDED: a refunded payment cannot become REFUNDED again.
  expect(racing.filter((r) => r.errors).map(errorOf)).toEqual(Array(4).fill(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'paymentId' })));
  expect(provider.calls.filter((c) => c.kind === 'refund' && c.idempotencyKey.startsWith(paid.id))).toHaveLength(1);
  const { rows } = await stack.subgraphs.training!.sql.query(`select status, refund_reason, provider_refund_id from training.payments where id = $1`, [
    paid.id,
  ]);
  expect(rows).toEqual([{ status: 'REFUNDED', refund_reason: 'trainer fell ill', provider_refund_id: expect.stringMatching(/^re_/) }]);

  // A failed payment took nothing: there is nothing to give back.
  const failed = await pay(owner, await booking(owner, trainer, 'ACCEPTED'), 'declined', 'tok_insufficientFunds');
  expect(errorOf(await refund(admin, failed.id))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paymentId' });
}, 120_000);

async function sumPaidOut(trainerId: string): Promise<{ total: number; items: number; bookings: number }> {
  const { rows } = await stack.subgraphs.training!.sql.query(
    `select coalesce(sum(i.amount_cents), 0)::int as total, count(*)::int as items, count(distinct i.booking_id)::int as bookings,
            (select coalesce(sum(amount_cents), 0)::int from training.payouts where trainer_id = $1) as payouts_total
     from training.payout_items i join training.payouts p on p.id = i.payout_id where p.trainer_id = $1`,
    [trainerId],
  );
  // A payout's amount is the sum of its items.
  expect(rows[0].payouts_total).toBe(rows[0].total);
  return { total: rows[0].total, items: rows[0].items, bookings: rows[0].bookings };
}

it('five payout runs at once pay each completed, paid, unrefunded booking once; a paid-out payment cannot be refunded', async () => {
  const trainer = await seedTrainer(stack);
  const otherTrainer = await seedTrainer(stack);
  const owner = await dogOwner('tr-payout-owner');
  const first = await booking(owner, trainer, 'COMPLETED', 6000);
  const second = await booking(owner, trainer, 'COMPLETED', 4500);
  await pay(owner, first, 'p1');
  await pay(owner, second, 'p2');
  // Not payable: not completed yet; refunded; declined; unpaid; another trainer's.
  await pay(owner, await booking(owner, trainer, 'ACCEPTED', 1000), 'p3');
  const refunded = await pay(owner, await booking(owner, trainer, 'COMPLETED', 2000), 'p4');
  await must(stack, REFUND, { id: refunded.id, r: 'session cut short' }, admin);
  await pay(owner, await booking(owner, trainer, 'COMPLETED', 3000), 'p5', 'tok_chargeDeclined');
  await booking(owner, trainer, 'COMPLETED', 5000);
  await pay(owner, await booking(owner, otherTrainer, 'COMPLETED', 9000), 'p6');

  expect(codeOf(await stack.query(RUN, { t: trainer.id }, trainer.token))).toBe('FORBIDDEN');
  expect(codeOf(await stack.query(RUN, { t: '00000000-0000-4000-8000-000000000000' }, admin))).toBe('NOT_FOUND');

  const runs = await Promise.all(Array.from({ length: 5 }, () => stack.query(RUN, { t: trainer.id }, admin)));
  expect(runs.map((r) => r.errors)).toEqual(Array(5).fill(undefined));
  const made = runs.map((r) => r.data!.runTrainerPayout).filter((p) => p !== null);
  expect(made).toHaveLength(1);
  expect(made[0]).toMatchObject({ amountCents: 10500, status: 'PENDING' });
  expect(made[0].items.map((i: { bookingId: string }) => i.bookingId).sort()).toEqual([first, second].sort());
  expect(await sumPaidOut(trainer.id)).toEqual({ total: 10500, items: 2, bookings: 2 });
  // Nothing left: no payout.
  expect((await must(stack, RUN, { t: trainer.id }, admin)).runTrainerPayout).toBeNull();

  const inPayout = made[0].items.find((i: { bookingId: string }) => i.bookingId === first).payment.id;
  expect(errorOf(await stack.query(REFUND, { id: inPayout, r: 'too late' }, admin))).toMatchObject({ code: 'CONFLICT', field: 'paymentId' });

  // A booking completed later goes in the next payout, alone.
  const later = await booking(owner, trainer, 'COMPLETED', 2500);
  await pay(owner, later, 'p7');
  const next = (await must(stack, RUN, { t: trainer.id }, admin)).runTrainerPayout;
  expect(next).toMatchObject({ amountCents: 2500, items: [{ bookingId: later, amountCents: 2500 }] });
  expect(await sumPaidOut(trainer.id)).toEqual({ total: 13000, items: 3, bookings: 3 });

  // The backstop under the trainer lock: no second item for a booking, whatever writes it.
  await expect(
    stack.subgraphs.training!.sql.query(
      `insert into training.payout_items (payout_id, booking_id, payment_id, amount_cents) select payout_id, booking_id, payment_id, amount_cents from training.payout_items where booking_id = $1`,
      [later],
    ),
  ).rejects.toMatchObject({ code: '23505', constraint: 'payout_items_booking_id_idx' });

  // Processing: admins only, once.
  expect(codeOf(await stack.query(PROCESS, { id: next.id }, trainer.token))).toBe('FORBIDDEN');
  const processed = (await must(stack, PROCESS, { id: next.id }, admin)).processTrainerPayout;
  expect(processed).toMatchObject({ id: next.id, status: 'PROCESSED' });
  expect(processed.processedAt).not.toBeNull();
  expect(errorOf(await stack.query(PROCESS, { id: next.id }, admin))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  expect(codeOf(await stack.query(PROCESS, { id: '00000000-0000-4000-8000-000000000000' }, admin))).toBe('NOT_FOUND');
}, 180_000);

it('a refund and a payout run at once never both take the same payment', async () => {
  const trainer = await seedTrainer(stack);
  const owner = await dogOwner('tr-payout-refund-race');
  const payments: string[] = [];
  for (let n = 0; n < 4; n++) payments.push((await pay(owner, await booking(owner, trainer, 'COMPLETED', 1000 + n), `race-${n}`)).id);
  const [run, ...refunds] = await Promise.all([
    stack.query(RUN, { t: trainer.id }, admin),
    ...payments.map((id) => stack.query(REFUND, { id, r: 'race' }, trainer.token)),
  ]);
  expect(run!.errors).toBeUndefined();
  const paidOut = new Set<string>((run!.data!.runTrainerPayout?.items ?? []).map((i: { payment: { id: string } }) => i.payment.id));
  refunds.forEach((refund, n) => {
    // Each payment went one way: refunded and not paid out, or paid out and its refund refused as CONFLICT.
    if (paidOut.has(payments[n]!)) expect(errorOf(refund)).toMatchObject({ code: 'CONFLICT', field: 'paymentId' });
    else expect(refund.data?.refundTrainingPayment.status).toBe('REFUNDED');
  });
  const { rows } = await stack.subgraphs.training!.sql.query(
    `select count(*)::int as n from training.payout_items i join training.payments p on p.id = i.payment_id where p.status <> 'PAID' and i.booking_id in (select id from training.bookings where trainer_id = $1)`,
    [trainer.id],
  );
  expect(rows[0].n).toBe(0);
}, 120_000);

it('payouts are seen by their trainer and admins only', async () => {
  const trainer = await seedTrainer(stack);
  const otherTrainer = await seedTrainer(stack);
  const owner = await dogOwner('tr-payout-reader');
  const bookingId = await booking(owner, trainer, 'COMPLETED', 3300);
  const payment = await pay(owner, bookingId, 'read');
  const payout = (await must(stack, RUN, { t: trainer.id }, admin)).runTrainerPayout;
  const PROFILE = `query($t: ID!) { trainer(id: $t) { id displayName payouts { id amountCents trainer { id } items { bookingId payment { id status } } } } }`;
  const expected = [{ id: payout.id, amountCents: 3300, trainer: { id: trainer.id }, items: [{ bookingId, payment: { id: payment.id, status: 'PAID' } }] }];
  for (const reader of [trainer.token, admin]) expect((await must(stack, PROFILE, { t: trainer.id }, reader)).trainer.payouts).toEqual(expected);
  // Anyone else: the public profile, without its payouts.
  for (const reader of [otherTrainer.token, owner.token, await stack.token(trainer.subject)]) {
    const res = await stack.query(PROFILE, { t: trainer.id }, reader);
    expect(res.data?.trainer).toMatchObject({ id: trainer.id, payouts: null });
    expect(codeOf(res)).toBe('FORBIDDEN');
  }
  const MINE = `{ myTrainerPayouts { id amountCents } }`;
  expect((await must(stack, MINE, {}, trainer.token)).myTrainerPayouts).toEqual([{ id: payout.id, amountCents: 3300 }]);
  expect((await must(stack, MINE, {}, otherTrainer.token)).myTrainerPayouts).toEqual([]);
  expect(codeOf(await stack.query(MINE, {}, owner.token))).toBe('FORBIDDEN');
}, 120_000);

it('payments and payouts are transactions: retention counts them seven years on, and never a payment a payout still holds', async () => {
  const trainer = await seedTrainer(stack);
  const owner = await dogOwner('tr-pay-retention');
  await pay(owner, await booking(owner, trainer, 'COMPLETED', 1200), 'kept');
  await must(stack, RUN, { t: trainer.id }, admin);
  const db = stack.subgraphs.training!.database.db;
  const count = async (asOf: string) =>
    Object.fromEntries((await applyRetention(db, training.retention ?? [], { dryRun: true, asOf: new Date(asOf) })).map((r) => [r.table, r.rows]));
  const now = await count('2030-01-01');
  expect(now).toMatchObject({ 'training.payout_items': 0, 'training.payments': 0, 'training.payouts': 0 });
  const later = await count('2040-01-01');
  expect(later['training.payout_items']).toBeGreaterThan(0);
  // Held by items that go in the same run: the dry run counts them kept.
  expect(later['training.payments']).toBe(
    Number(
      (
        await stack.subgraphs.training!.sql.query(
          `select count(*) from training.payments p where not exists (select 1 from training.payout_items i where i.payment_id = p.id)`,
        )
      ).rows[0].count,
    ),
  );
}, 120_000);
