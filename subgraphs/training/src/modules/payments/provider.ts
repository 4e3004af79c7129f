import { configuredPaymentProvider } from '@psa/payments';

/** The card provider training's payments go through, chosen once at start-up. */
export const paymentProvider = configuredPaymentProvider();
