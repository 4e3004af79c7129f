import { createHmac, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * Who is asking, as the gateway established it. `subject` is the verified token subject (an owner's clerkId)
 * or null for an anonymous caller; `roles` come from the token.
 */
export interface Identity {
  subject: string | null;
  roles: string[];
}

/**
 * What one signature is good for: one subgraph (`audience`, its name) and one request body. A header captured
 * on the way to core says nothing to licensure, nor to core about any other query or variables.
 */
export interface RequestBinding {
  audience: string;
  body: string;
}

export const IDENTITY_HEADER = 'x-psa-identity';
/** The gateway's id of one client request, sent with each of its subgraph calls (audit rows share it). */
export const REQUEST_ID_HEADER = 'x-psa-request-id';
export const SIGNED_AT_HEADER = 'x-psa-identity-at';
export const SIGNATURE_HEADER = 'x-psa-identity-signature';

/** Seconds a signature stays good for, either way, for clocks that disagree a little. */
const DEFAULT_WINDOW_SECONDS = 30;
const MIN_SECRET_LENGTH = 32;
// Keeps identity signatures and access grants apart: one can never be passed off as the other.
const DOMAIN = 'psa-identity.v2';

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

/** The identity header's value: computed once per client request, signed once per subgraph call. */
export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify({ sub: identity.subject, roles: identity.roles })).toString('base64url');
}

/** Each secret imported once: createHmac with the secret's text imports the key again on every call. */
const keys = new Map<string, KeyObject>();
export function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

function signature(secret: string, encoded: string, at: number, { audience, body }: RequestBinding): Buffer {
  const bodyHash = hash('sha256', body, 'base64url');
  return createHmac('sha256', keyOf(secret)).update(`${DOMAIN}\n${audience}\n${at}\n${encoded}\n${bodyHash}`).digest();
}

/** The three headers the gateway adds to a subgraph request, bound to that subgraph and that body. */
export function signIdentity(
  identity: Identity | string,
  secret: string,
  binding: RequestBinding,
  nowSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  assertSecret(secret);
  const encoded = typeof identity === 'string' ? identity : encodeIdentity(identity);
  return {
    [IDENTITY_HEADER]: encoded,
    [SIGNED_AT_HEADER]: String(nowSeconds),
    [SIGNATURE_HEADER]: signature(secret, encoded, nowSeconds, binding).toString('base64url'),
  };
}

/**
 * Checks the gateway's signature against this subgraph's name and the body as received, and returns the
 * identity it vouches for. Throws IdentityError when a header is missing, the signature does not match (another
 * secret, subgraph or body, or a tampered identity) or it is outside the window.
 */
export function verifyIdentity(
  readHeader: (name: string) => string | undefined,
  secret: string,
  binding: RequestBinding,
  { windowSeconds = DEFAULT_WINDOW_SECONDS, nowSeconds = Math.floor(Date.now() / 1000) } = {},
): Identity {
  assertSecret(secret);
  const encoded = readHeader(IDENTITY_HEADER);
  const at = Number(readHeader(SIGNED_AT_HEADER));
  const given = readHeader(SIGNATURE_HEADER);
  if (!encoded || !given || !Number.isSafeInteger(at)) {
    throw new IdentityError(`missing ${IDENTITY_HEADER}, ${SIGNED_AT_HEADER} or ${SIGNATURE_HEADER} header: requests must come through the gateway`);
  }
  const expected = signature(secret, encoded, at, binding);
  const received = Buffer.from(given, 'base64url');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw new IdentityError(`identity signature does not match this request (subgraph ${binding.audience}, its body)`);
  }
  if (Math.abs(nowSeconds - at) > windowSeconds) throw new IdentityError(`signed identity is more than ${windowSeconds}s old or from the future`);
  let claims: { sub?: unknown; roles?: unknown };
  try {
    claims = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw new IdentityError('identity header is not valid JSON');
  }
  const subject = typeof claims.sub === 'string' && claims.sub.length > 0 ? claims.sub : null;
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  return { subject, roles };
}
