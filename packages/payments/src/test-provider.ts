import { randomBytes } from 'node:crypto';
import type { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest, RefundResult } from './provider';

/**
 * A provider with the shape and rules of a real one, for tests and the embedded demo: Stripe-style test tokens
 * decide the outcome (`tok_visa`, `tok_mastercard`, `tok_amex` succeed; `tok_chargeDeclined` and
 * `tok_insufficientFunds` are declined; anything else is an unknown token), idempotency keys replay the first
 * answer, and a refund never takes back more than its charge has left. State is per process, like a sandbox
 * account seen by one server.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test';
  private readonly charges = new Map<string, { amountCents: number; refundedCents: number }>();
  private readonly answered = new Map<string, ChargeResult | RefundResult>();
  /** Calls that reached the provider (replays included): what a test counts to show a retry charged once. */
  readonly calls: { kind: 'charge' | 'refund'; idempotencyKey: string; replayed: boolean }[] = [];

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const replay = this.answered.get(`charge:${request.idempotencyKey}`) as ChargeResult | undefined;
    this.calls.push({ kind: 'charge', idempotencyKey: request.idempotencyKey, replayed: Boolean(replay) });
    if (replay) return replay;
    const result = this.decide(request);
    if (result.status === 'succeeded') this.charges.set(result.providerPaymentId, { amountCents: request.amountCents, refundedCents: 0 });
    this.answered.set(`charge:${request.idempotencyKey}`, result);
    return result;
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const replay = this.answered.get(`refund:${request.idempotencyKey}`) as RefundResult | undefined;
    this.calls.push({ kind: 'refund', idempotencyKey: request.idempotencyKey, replayed: Boolean(replay) });
    if (replay) return replay;
    const charge = this.charges.get(request.providerPaymentId);
    let result: RefundResult;
    if (!charge) result = { status: 'failed', failureReason: `no such charge: ${request.providerPaymentId}` };
    else if (!Number.isInteger(request.amountCents) || request.amountCents <= 0)
      result = { status: 'failed', failureReason: 'amount must be a positive integer' };
    else if (charge.refundedCents + request.amountCents > charge.amountCents)
      result = { status: 'failed', failureReason: `refund exceeds what is left of the charge (${charge.amountCents - charge.refundedCents} cents)` };
    else {
      charge.refundedCents += request.amountCents;
      result = { status: 'succeeded', providerRefundId: `re_${randomBytes(12).toString('hex')}` };
    }
    this.answered.set(`refund:${request.idempotencyKey}`, result);
    return result;
  }

  private decide(request: ChargeRequest): ChargeResult {
    if (!Number.isInteger(request.amountCents) || request.amountCents <= 0) return { status: 'failed', failureReason: 'amount must be a positive integer' };
    switch (request.token) {
      case 'tok_visa':
      case 'tok_mastercard':
      case 'tok_amex':
        return { status: 'succeeded', providerPaymentId: `ch_${randomBytes(12).toString('hex')}` };
      case 'tok_chargeDeclined':
        return { status: 'failed', failureReason: 'card_declined' };
      case 'tok_insufficientFunds':
        return { status: 'failed', failureReason: 'insufficient_funds' };
      default:
        return { status: 'failed', failureReason: `unknown token ${request.token}` };
    }
  }
}
