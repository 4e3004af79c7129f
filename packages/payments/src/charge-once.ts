import type { ChargeResult, PaymentProvider } from './provider';

/** What the flow needs of a division's payment row, whatever its table calls the rest. */
export interface ChargeablePayment {
  id: string;
  amountCents: number;
  currency: string;
}

/**
 * A division's storage for one charge, as callbacks on its own table: the flow holds no SQL, so every division's
 * payments table (its columns, its statuses) can take part. The table must have a unique index on (payer,
 * idempotency key), and every callback must run in the request's transaction.
 */
export interface ChargeOnceSteps<P extends ChargeablePayment> {
  provider: PaymentProvider;
  /** The payment this payer already made with this idempotency key, if any. */
  findByKey(): Promise<P | undefined>;
  /**
   * Runs only for a key not seen yet: checks what a new payment needs (throwing the division's coded errors), then
   * inserts it PENDING with ON CONFLICT (payer, key) DO NOTHING. Answers the row and the provider token to charge,
   * or undefined when a concurrent request with the same key inserted first (its row is then read with findByKey).
   */
  createPending(): Promise<{ payment: P; token: string } | undefined>;
  /** Records the provider's answer on the PENDING row: paid, or failed with the provider's reason. */
  settle(payment: P, result: ChargeResult): Promise<P>;
}

export interface ChargeOnceResult<P> {
  payment: P;
  /** True when the key had been used before: the caller checks the earlier payment is for the same thing. */
  replayed: boolean;
}

/**
 * Charges a payment at most once per (payer, idempotency key), however many times or at once a client retries:
 * an earlier payment with the key is answered again; otherwise a PENDING row is inserted, and a concurrent insert
 * with the same key waits on the unique index and then answers the committed row. The provider's own idempotency
 * key is the payment's id, so a crash between its charge and the commit replays the charge, never repeats it.
 */
export async function chargeOnce<P extends ChargeablePayment>(steps: ChargeOnceSteps<P>): Promise<ChargeOnceResult<P>> {
  const earlier = await steps.findByKey();
  if (earlier) return { payment: earlier, replayed: true };
  const created = await steps.createPending();
  if (!created) {
    const raced = await steps.findByKey();
    if (!raced) throw new Error('chargeOnce: the insert met the idempotency key’s unique index, yet no payment holds the key');
    return { payment: raced, replayed: true };
  }
  const { payment, token } = created;
  const result = await steps.provider.charge({ token, amountCents: payment.amountCents, currency: payment.currency, idempotencyKey: payment.id });
  return { payment: await steps.settle(payment, result), replayed: false };
}
