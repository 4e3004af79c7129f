import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key as a client holds it: `psa_<prefix>_<secret>`. The prefix (12 hex digits) is public: it finds the
 * key's row and names the key in listings and logs. The secret is 32 random bytes (base64url, 43 characters);
 * only its SHA-256 is stored. With 256 bits of randomness the hash cannot be searched, so a fast hash is enough
 * (slow password hashes exist for secrets people choose).
 */
const KEY_PATTERN = /^psa_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const PREFIX_BYTES = 6;
const SECRET_BYTES = 32;

export interface ParsedKey {
  prefix: string;
  secret: string;
}

export interface NewKey extends ParsedKey {
  /** The whole key, shown once to whoever issues it and never stored. */
  key: string;
  secretHash: string;
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function generateKey(): NewKey {
  const prefix = randomBytes(PREFIX_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { prefix, secret, key: `psa_${prefix}_${secret}`, secretHash: hashSecret(secret) };
}

/** The key's parts, or null when the text cannot be a key of ours (wrong shape, length or alphabet). */
export function parseKey(text: string): ParsedKey | null {
  const match = KEY_PATTERN.exec(text.trim());
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

/** Compares in constant time, so response timing says nothing about how much of a guessed secret was right. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export const isKeyPrefix = (text: string): boolean => /^[0-9a-f]{12}$/.test(text);
