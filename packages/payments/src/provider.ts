/**
 * What a division asks of a card payment provider (Stripe, Square, ...): charge a stored token, refund part or all
 * of a charge. Every call carries an idempotency key, as real providers take one: the same key answers the first
 * call's result again instead of charging (or refunding) twice.
 */
export interface PaymentProvider {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
}

export interface ChargeRequest {
  /** The provider's token of a stored card or account, never a card number. */
  token: string;
  amountCents: number;
  currency: string;
  idempotencyKey: string;
}

export type ChargeResult = { status: 'succeeded'; providerPaymentId: string } | { status: 'failed'; failureReason: string };

export interface RefundRequest {
  providerPaymentId: string;
  amountCents: number;
  idempotencyKey: string;
}

export type RefundResult = { status: 'succeeded'; providerRefundId: string } | { status: 'failed'; failureReason: string };

/** Anything shaped like a card number (13 to 19 digits, spaces or dashes between): never stored, never sent. */
export function looksLikeCardNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{13,19}$/.test(digits);
}
