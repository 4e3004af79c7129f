import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Who is asking, as the gateway established it. `subject` is the verified token subject (an owner's clerkId)
 * or null for an anonymous caller; `roles` come from the token.
 */
export interface Identity {
  subject: string | null;
  roles: string[];
}

export const IDENTITY_HEADER = 'x-psa-identity';
export const SIGNATURE_HEADER = 'x-psa-identity-signature';

/** Signed identities older than this are refused, so a captured header cannot be replayed for long. */
const DEFAULT_MAX_AGE_SECONDS = 300;
const MIN_SECRET_LENGTH = 32;

export class IdentityError extends Error {
  override name = 'IdentityError';
}

/** Throws unless `secret` is usable for signing; services call it at start-up so a bad secret fails there, not per request. */
export function assertSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new IdentityError(
      `identity signing secret must be at least ${MIN_SECRET_LENGTH} characters, got ${typeof secret === 'string' ? secret.length : typeof secret}`,
    );
  }
}

function hmac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** The two headers the gateway adds to every subgraph request. */
export function signIdentity(
  identity: Identity,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  assertSecret(secret);
  const payload = Buffer.from(
    JSON.stringify({ sub: identity.subject, roles: identity.roles, iat: nowSeconds }),
  ).toString('base64url');
  return {
    [IDENTITY_HEADER]: payload,
    [SIGNATURE_HEADER]: hmac(secret, payload).toString('base64url'),
  };
}

/**
 * Checks the gateway's signature and returns the identity it vouches for.
 * Throws IdentityError when a header is missing, the signature does not match or the identity is too old.
 */
export function verifyIdentity(
  readHeader: (name: string) => string | undefined,
  secret: string,
  { maxAgeSeconds = DEFAULT_MAX_AGE_SECONDS, nowSeconds = Math.floor(Date.now() / 1000) } = {},
): Identity {
  assertSecret(secret);
  const payload = readHeader(IDENTITY_HEADER);
  const signature = readHeader(SIGNATURE_HEADER);
  if (!payload || !signature) {
    throw new IdentityError(`missing ${IDENTITY_HEADER} or ${SIGNATURE_HEADER} header: requests must come through the gateway`);
  }
  const expected = hmac(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new IdentityError('identity signature does not match');
  }
  let claims: { sub?: unknown; roles?: unknown; iat?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new IdentityError('identity header is not valid JSON');
  }
  if (typeof claims.iat !== 'number' || Math.abs(nowSeconds - claims.iat) > maxAgeSeconds) {
    throw new IdentityError(`signed identity is older than ${maxAgeSeconds}s or from the future`);
  }
  const subject = typeof claims.sub === 'string' && claims.sub.length > 0 ? claims.sub : null;
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  return { subject, roles };
}
