import { createHash, randomInt } from 'node:crypto';

export const CODE_TTL_MS = 30 * 60_000;
export const MAX_ATTEMPTS = 5;
export const RESEND_AFTER_MS = 60_000;

/** Six digits: typed from a mail by a person; five attempts make guessing one in 200,000. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function codeHash(ownerId: string, code: string): string {
  return createHash('sha256').update(`${ownerId}:${code}`).digest('hex');
}

export function verificationMail(code: string): { subject: string; body: string } {
  return {
    subject: 'Your Pet Solutions Alliance verification code',
    body: `Your code is ${code}. It expires in 30 minutes. If you did not ask for it, ignore this message.`,
  };
}
