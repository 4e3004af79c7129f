import { core } from '@psa/core';
import { healthcare } from '@psa/healthcare';
import { paymentProvider } from '@psa/healthcare/src/modules/payments/provider';
import type { TestPaymentProvider } from '@psa/payments';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, type TestOwner } from './helpers';
import { BOOK, createClinic, moveAppointmentIntoPast, openSlots, type TestClinic } from './healthcare-fixtures';

/** Paying for appointments and reviewing them, through the gateway, on PostgreSQL and Kafka. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([core, healthcare]);
}, 180_000);
afterAll(() => stack?.close());

const provider = paymentProvider as TestPaymentProvider;
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;
const PAY = `mutation($i: PayForAppointmentInput!) { payForAppointment(input: $i) { id status amountCents refundAmountCents failureReason } }`;
const ADD_METHOD = `mutation($i: AddPaymentMethodInput!) { addPaymentMethod(input: $i) { id cardLast4 isDefault } }`;

/** An owner with a booked appointment at a clinic whose services cost 5000 cents. */
async function booked(subject: string, clinic?: TestClinic): Promise<{ owner: TestOwner; clinic: TestClinic; appointmentId: string }> {
  const at = clinic ?? (await createClinic(stack));
  const [slot] = await openSlots(stack, at);
  const owner = await createOwner(stack, subject);
  const petId = await registerPet(stack, owner, { name: subject });
  await stack.settle();
  const { bookAppointment } = await must(stack, BOOK, { i: { slotId: slot, petId, service: 'general-exam' } }, owner.token);
  return { owner, clinic: at, appointmentId: bookAppointment.id };
}

async function method(owner: TestOwner, token = 'tok_visa'): Promise<string> {
  return (
    await must(
      stack,
      ADD_METHOD,
      { i: { provider: 'test', providerToken: token, cardLast4: '4242', cardBrand: 'visa', cardExpMonth: 12, cardExpYear: 2030, isDefault: true } },
      owner.token,
    )
  ).addPaymentMethod.id;
}

it('stores tokens, never card numbers; payment methods are the owner’s alone', async () => {
  const { owner } = await booked('hc-pay-methods');
  const card = await stack.query(ADD_METHOD, { i: { provider: 'test', providerToken: '4242 4242 4242 4242' } }, owner.token);
  expect(card.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providerToken' });
  expect((await stack.query(ADD_METHOD, { i: { provider: 'stripe', providerToken: 'tok_visa' } }, owner.token)).errors?.[0]?.extensions).toMatchObject({
    field: 'input.provider',
  });
  expect(
    (await stack.query(ADD_METHOD, { i: { provider: 'test', providerToken: 'tok_visa', cardExpMonth: 13 } }, owner.token)).errors?.[0]?.extensions,
  ).toMatchObject({
    field: 'input.cardExpMonth',
  });
  const id = await method(owner);
  const { me } = await must(stack, `{ me { id paymentMethods { id cardLast4 isDefault } } }`, {}, owner.token);
  expect(me.paymentMethods).toEqual([{ id, cardLast4: '4242', isDefault: true }]);
  const { rows } = await stack.subgraphs.healthcare!.sql.query(`select provider_token from healthcare.payment_methods where id = $1`, [id]);
  expect(rows).toEqual([{ provider_token: 'tok_visa' }]);
  // Someone else asking for this owner's payment methods: refused, whoever they are.
  for (const stranger of [await createOwner(stack, 'hc-pay-peeker'), { token: await stack.token('hc-pay-admin', ['admin']) }]) {
    const res = await stack.query(`query($id: ID!) { owner(id: $id) { paymentMethods { id } } }`, { id: me.id }, stranger.token);
    expect(res.data?.owner?.paymentMethods ?? null).toBeNull();
  }
  const other = await createOwner(stack, 'hc-pay-remover');
  await stack.settle();
  expect(codeOf(await stack.query(`mutation($id: ID!) { removePaymentMethod(id: $id) { id } }`, { id }, other.token))).toBe('NOT_FOUND');
}, 120_000);

it('a retried payment charges once, even ten retries at once; a declined card is a failed payment that may be paid again', async () => {
  const { owner, appointmentId } = await booked('hc-pay-retry');
  const declining = await method(owner, 'tok_chargeDeclined');
  const declined = await must(stack, PAY, { i: { appointmentId, paymentMethodId: declining, idempotencyKey: 'first-try' } }, owner.token);
  expect(declined.payForAppointment).toMatchObject({ status: 'FAILED', failureReason: 'card_declined' });
  const visa = await method(owner);
  const key = `retry-${Date.now()}`;
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => stack.query(PAY, { i: { appointmentId, paymentMethodId: visa, idempotencyKey: key } }, owner.token)),
  );
  expect(answers.map((a) => a.errors)).toEqual(Array(10).fill(undefined));
  const ids = new Set(answers.map((a) => a.data.payForAppointment.id));
  expect(ids.size).toBe(1);
  expect(answers[0]!.data.payForAppointment).toMatchObject({ status: 'SUCCEEDED', amountCents: 5000 });
  const [paymentId] = [...ids];
  expect(provider.calls.filter((c: TestPaymentProvider['calls'][number]) => c.kind === 'charge' && c.idempotencyKey === paymentId)).toHaveLength(1);
  const { rows } = await stack.subgraphs.healthcare!.sql.query(
    `select status, count(*)::int as n from healthcare.payments where appointment_id = $1 group by status order by status`,
    [appointmentId],
  );
  expect(rows).toEqual([
    { status: 'SUCCEEDED', n: 1 },
    { status: 'FAILED', n: 1 },
  ]);
  // Paid: another key is a second payment of the same appointment, refused.
  expect(codeOf(await stack.query(PAY, { i: { appointmentId, paymentMethodId: visa, idempotencyKey: 'another' } }, owner.token))).toBe('CONFLICT');
  // Nobody else pays with this owner's card, nor for this appointment.
  const stranger = await createOwner(stack, 'hc-pay-stranger');
  await stack.settle();
  expect(codeOf(await stack.query(PAY, { i: { appointmentId, paymentMethodId: visa, idempotencyKey: 'x' } }, stranger.token))).toBe('NOT_FOUND');
}, 120_000);

it('refunds never exceed what was paid, even asked at once; only the clinic refunds', async () => {
  const { owner, clinic, appointmentId } = await booked('hc-refund');
  const visa = await method(owner);
  const paid = await must(stack, PAY, { i: { appointmentId, paymentMethodId: visa, idempotencyKey: 'pay' } }, owner.token);
  const id = paid.payForAppointment.id;
  const REFUND = `mutation($id: ID!, $a: Int!) { refundPayment(id: $id, amountCents: $a, reason: "overcharged") { status refundAmountCents } }`;
  expect(codeOf(await stack.query(REFUND, { id, a: 100 }, owner.token))).toBe('FORBIDDEN');
  expect((await stack.query(REFUND, { id, a: 0 }, clinic.admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountCents' });
  const partial = await must(stack, REFUND, { id, a: 1500 }, clinic.admin);
  expect(partial.refundPayment).toEqual({ status: 'SUCCEEDED', refundAmountCents: 1500 });
  // 3500 left: eight refunds of 1000 at once, three get through.
  const racing = await Promise.all(Array.from({ length: 8 }, () => stack.query(REFUND, { id, a: 1000 }, clinic.admin)));
  expect(racing.filter((r) => !r.errors)).toHaveLength(3);
  expect(racing.filter((r) => r.errors).map(codeOf)).toEqual(Array(5).fill('BAD_USER_INPUT'));
  const last = await must(stack, REFUND, { id, a: 500 }, clinic.admin);
  expect(last.refundPayment).toEqual({ status: 'REFUNDED', refundAmountCents: 5000 });
  expect(codeOf(await stack.query(REFUND, { id, a: 1 }, clinic.admin))).toBe('BAD_USER_INPUT');
}, 120_000);

it('a refund the provider refuses is CONFLICT and records nothing: the payment keeps what it had', async () => {
  const { owner, clinic, appointmentId } = await booked('hc-refund-refused');
  const visa = await method(owner);
  const paid = await must(stack, PAY, { i: { appointmentId, paymentMethodId: visa, idempotencyKey: 'pay' } }, owner.token);
  const id = paid.payForAppointment.id;
  // The set-up: a charge the provider does not know (as after a provider-side reversal), so it refuses the refund.
  await stack.subgraphs.healthcare!.sql.query(`update healthcare.payments set provider_payment_id = 'ch_unknown' where id = $1`, [id]);
  const refused = await stack.query(`mutation($id: ID!) { refundPayment(id: $id, amountCents: 1000, reason: "overcharged") { id } }`, { id }, clinic.admin);
  expect(codeOf(refused)).toBe('CONFLICT');
  const { rows } = await stack.subgraphs.healthcare!.sql.query(`select status, refund_amount_cents, refunded_at from healthcare.payments where id = $1`, [id]);
  expect(rows).toEqual([{ status: 'SUCCEEDED', refund_amount_cents: 0, refunded_at: null }]);
}, 120_000);

it('one review per completed appointment by its owner; the clinic answers once; moderation hides it from the rating', async () => {
  const first = await booked('hc-review-a');
  const second = await booked('hc-review-b', first.clinic);
  const WRITE = `mutation($i: WriteReviewInput!) { writeReview(input: $i) { id rating } }`;
  expect((await stack.query(WRITE, { i: { appointmentId: first.appointmentId, rating: 5 } }, first.owner.token)).errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.appointmentId',
  });
  for (const { appointmentId } of [first, second]) {
    await moveAppointmentIntoPast(stack, appointmentId);
    await must(stack, `mutation($id: ID!) { completeAppointment(id: $id) { status } }`, { id: appointmentId }, first.clinic.vet);
  }
  expect((await stack.query(WRITE, { i: { appointmentId: first.appointmentId, rating: 6 } }, first.owner.token)).errors?.[0]?.extensions).toMatchObject({
    field: 'input.rating',
  });
  expect(codeOf(await stack.query(WRITE, { i: { appointmentId: first.appointmentId, rating: 1 } }, second.owner.token))).toBe('NOT_FOUND');
  const a = await must(stack, WRITE, { i: { appointmentId: first.appointmentId, rating: 5, title: 'Lovely' } }, first.owner.token);
  expect(codeOf(await stack.query(WRITE, { i: { appointmentId: first.appointmentId, rating: 4 } }, first.owner.token))).toBe('CONFLICT');
  await must(stack, WRITE, { i: { appointmentId: second.appointmentId, rating: 2 } }, second.owner.token);
  const RATING = `query($c: ID!) { clinic(id: $c) { rating reviewCount reviews { rating } vets { rating reviewCount } } }`;
  const anyone = await stack.token('hc-review-reader');
  expect((await must(stack, RATING, { c: first.clinic.id }, anyone)).clinic).toEqual({
    rating: 3.5,
    reviewCount: 2,
    reviews: expect.arrayContaining([{ rating: 5 }, { rating: 2 }]),
    vets: [{ rating: 3.5, reviewCount: 2 }],
  });
  const RESPOND = `mutation($id: ID!) { respondToReview(id: $id, response: "Thank you!") { clinicResponse } }`;
  expect(codeOf(await stack.query(RESPOND, { id: a.writeReview.id }, first.owner.token))).toBe('FORBIDDEN');
  await must(stack, RESPOND, { id: a.writeReview.id }, first.clinic.admin);
  expect(codeOf(await stack.query(RESPOND, { id: a.writeReview.id }, first.clinic.admin))).toBe('CONFLICT');
  const MODERATE = `mutation($id: ID!, $p: Boolean!) { moderateReview(id: $id, published: $p, reason: "off-topic") { isPublished } }`;
  expect(codeOf(await stack.query(MODERATE, { id: a.writeReview.id, p: false }, first.clinic.admin))).toBe('FORBIDDEN');
  const support = await stack.token('hc-support', ['support']);
  await must(stack, MODERATE, { id: a.writeReview.id, p: false }, support);
  expect((await must(stack, RATING, { c: first.clinic.id }, anyone)).clinic).toEqual({
    rating: 2,
    reviewCount: 1,
    reviews: [{ rating: 2 }],
    vets: [{ rating: 2, reviewCount: 1 }],
  });
  await must(stack, MODERATE, { id: a.writeReview.id, p: true }, support);
  expect((await must(stack, RATING, { c: first.clinic.id }, anyone)).clinic.rating).toBe(3.5);
}, 120_000);
