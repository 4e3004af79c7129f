export { looksLikeCardNumber, type PaymentProvider, type ChargeRequest, type ChargeResult, type RefundRequest, type RefundResult } from './provider';
export { TestPaymentProvider } from './test-provider';
export { configuredPaymentProvider } from './configured';
export { chargeOnce, type ChargeablePayment, type ChargeOnceSteps, type ChargeOnceResult } from './charge-once';
