import { looksLikeCardNumber, TestPaymentProvider } from '../src';

it('charges a test token once per idempotency key, and declines the declining tokens', async () => {
  const provider = new TestPaymentProvider();
  const first = await provider.charge({ token: 'tok_visa', amountCents: 5000, currency: 'USD', idempotencyKey: 'k1' });
  const again = await provider.charge({ token: 'tok_visa', amountCents: 5000, currency: 'USD', idempotencyKey: 'k1' });
  expect(first.status).toBe('succeeded');
  expect(again).toEqual(first);
  expect(provider.calls.map((c) => c.replayed)).toEqual([false, true]);
  expect(await provider.charge({ token: 'tok_chargeDeclined', amountCents: 5000, currency: 'USD', idempotencyKey: 'k2' })).toEqual({
    status: 'failed',
    failureReason: 'card_declined',
  });
});

it('never refunds more than what is left of a charge', async () => {
  const provider = new TestPaymentProvider();
  const charge = await provider.charge({ token: 'tok_visa', amountCents: 1000, currency: 'USD', idempotencyKey: 'c' });
  if (charge.status !== 'succeeded') throw new Error('charge failed');
  expect((await provider.refund({ providerPaymentId: charge.providerPaymentId, amountCents: 600, idempotencyKey: 'r1' })).status).toBe('succeeded');
  expect(await provider.refund({ providerPaymentId: charge.providerPaymentId, amountCents: 500, idempotencyKey: 'r2' })).toEqual({
    status: 'failed',
    failureReason: 'refund exceeds what is left of the charge (400 cents)',
  });
});

it('recognises card numbers so they are never stored', () => {
  expect(looksLikeCardNumber('4242 4242 4242 4242')).toBe(true);
  expect(looksLikeCardNumber('tok_visa')).toBe(false);
});
