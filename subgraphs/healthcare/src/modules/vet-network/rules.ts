import { badInput, isUuid, optionalText, requiredText, requiredTexts } from '@psa/subgraph-kit';
import type { VetNetworkProviderInput } from '../../generated/resolvers';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{5,30}$/;
const WEBSITE = /^https?:\/\/\S+$/;
const COUNTRY = /^[A-Z]{2}$/;

function matching(field: string, value: string | null | undefined, pattern: RegExp, what: string, maxLength = 320): string | null {
  const text = optionalText(field, value, maxLength);
  if (text !== null && !pattern.test(text)) throw badInput(field, `must be ${what}, got "${text}"`);
  return text;
}

/** A provider's details, checked: each bad one is BAD_USER_INPUT naming `input.<field>`. */
export function providerValues(input: VetNetworkProviderInput) {
  if (input.clinicId != null && !isUuid(input.clinicId)) throw badInput('input.clinicId', `must be a clinic id (a UUID), got "${input.clinicId}"`);
  return {
    name: requiredText('input.name', input.name),
    clinicId: input.clinicId ?? null,
    networkTier: input.networkTier,
    acceptsDirectBilling: input.acceptsDirectBilling ?? false,
    specialties: requiredTexts('input.specialties', input.specialties, 100),
    email: matching('input.email', input.email, EMAIL, 'an email address'),
    phone: matching('input.phone', input.phone, PHONE, 'a phone number (digits, spaces, + ( ) . / -)'),
    website: matching('input.website', input.website, WEBSITE, 'an http(s) URL', 500),
    addressLine1: optionalText('input.addressLine1', input.addressLine1, 200),
    city: optionalText('input.city', input.city, 100),
    region: optionalText('input.region', input.region, 100),
    postalCode: optionalText('input.postalCode', input.postalCode, 20),
    country: matching('input.country', input.country?.trim().toUpperCase(), COUNTRY, 'an ISO 3166-1 alpha-2 code such as US'),
  };
}
