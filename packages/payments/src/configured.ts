import type { PaymentProvider } from './provider';
import { TestPaymentProvider } from './test-provider';

/**
 * The card provider a division's payments go through, chosen by PAYMENT_PROVIDER (default: test). This deployment
 * has the test provider only (a real one is an adapter of PaymentProvider, added here); anything else refuses to
 * start. Each division calls it once, at start-up, and keeps the instance.
 */
export function configuredPaymentProvider(env: NodeJS.ProcessEnv = process.env): PaymentProvider {
  const name = env.PAYMENT_PROVIDER ?? 'test';
  if (name !== 'test') throw new Error(`PAYMENT_PROVIDER=${name}: only "test" is available`);
  return new TestPaymentProvider();
}
