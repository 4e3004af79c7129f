export { looksLikeCardNumber, type PaymentProvider, type ChargeRequest, type ChargeResult, type RefundRequest, type RefundResult } from './provider';
export { TestPaymentProvider } from './test-provider';
