import { badInput, dateAfter, nonNegativeInteger, requiredText, toIsoDate } from '@psa/subgraph-kit';
import type { IssueLicenseInput } from '../../generated/resolvers';

const CURRENCY = /^[A-Z]{3}$/;

export function validCurrency(field: string, value: string | null | undefined): string {
  const currency = (value ?? 'USD').trim().toUpperCase();
  if (!CURRENCY.test(currency)) throw badInput(field, `must be a 3-letter ISO 4217 code, got "${value}"`);
  return currency;
}

export function licenseValues(input: IssueLicenseInput) {
  return {
    licenseNumber: requiredText('input.licenseNumber', input.licenseNumber, 50),
    jurisdictionType: input.jurisdictionType,
    jurisdictionName: requiredText('input.jurisdictionName', input.jurisdictionName, 200),
    jurisdictionCode: requiredText('input.jurisdictionCode', input.jurisdictionCode, 50),
    issuedDate: toIsoDate(input.issuedDate),
    expiresDate: dateAfter('input.expiresDate', input.expiresDate, 'input.issuedDate', input.issuedDate),
    feeCents: nonNegativeInteger('input.feeCents', input.feeCents),
    feeCurrency: validCurrency('input.feeCurrency', input.feeCurrency),
  };
}
