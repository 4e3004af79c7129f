import { TestPaymentProvider, type PaymentProvider } from '@psa/payments';

/**
 * The card provider payments go through. This deployment has the test provider only (a real one is an adapter of
 * @psa/payments' PaymentProvider, chosen here by PAYMENT_PROVIDER); anything else refuses to start.
 */
function configuredProvider(): PaymentProvider {
  const name = process.env.PAYMENT_PROVIDER ?? 'test';
  if (name !== 'test') throw new Error(`PAYMENT_PROVIDER=${name}: only "test" is available`);
  return new TestPaymentProvider();
}

export const paymentProvider = configuredProvider();
