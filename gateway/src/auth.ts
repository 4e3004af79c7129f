import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Identity } from '@psa/identity';

export const ANONYMOUS: Identity = { subject: null, roles: [] };

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/** What a bearer token must satisfy beyond its signature. */
export interface TokenRules {
  key: Uint8Array;
  /** Checked when set (JWT_ISSUER, JWT_AUDIENCE). */
  issuer?: string;
  audience?: string;
}

/** Clocks between the identity provider and the gateway may disagree this much. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Turns the Authorization header into an identity. No header means an anonymous caller (public data only);
 * a header that is present but wrong is an error, never a silent downgrade to anonymous. A token must expire
 * (`exp`), must not be issued in the future (`iat`), and must name the configured issuer and audience.
 */
export async function identityFromAuthorization(header: string | undefined, rules: TokenRules): Promise<Identity> {
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AuthenticationError('Authorization header must be "Bearer <token>"');
  const token = match[1]!;
  const cache = verifiedTokens.get(rules) ?? verifiedTokens.set(rules, new Map()).get(rules)!;
  const known = cache.get(token);
  if (known && known.expiresAt > Date.now()) return known.identity;
  if (known) cache.delete(token);
  const { identity, expiresAt } = await verifyToken(token, rules);
  if (cache.size >= VERIFIED_TOKENS) cache.delete(cache.keys().next().value!);
  cache.set(token, { identity, expiresAt });
  return identity;
}

/**
 * Tokens already verified, until they expire: a client sends the same token with every request, and checking
 * its signature and claims again is a tenth of the gateway's work on a small query. Per rules (a gateway's
 * secret, issuer and audience), bounded, oldest first out. Nothing is cached for a token that fails.
 */
const verifiedTokens = new WeakMap<TokenRules, Map<string, { identity: Identity; expiresAt: number }>>();
const VERIFIED_TOKENS = 10_000;

async function verifyToken(token: string, rules: TokenRules): Promise<{ identity: Identity; expiresAt: number }> {
  try {
    const { payload } = await jwtVerify(token, rules.key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(rules.issuer ? { issuer: rules.issuer } : {}),
      ...(rules.audience ? { audience: rules.audience } : {}),
    });
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new AuthenticationError('token has no subject (sub)');
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS)
      throw new AuthenticationError('token is issued in the future (iat)');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    // Held until it expires, with the same tolerance jwtVerify gave it.
    return { identity: { subject: payload.sub, roles }, expiresAt: (payload.exp! + CLOCK_TOLERANCE_SECONDS) * 1000 };
  } catch (error) {
    if (error instanceof AuthenticationError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AuthenticationError('token has expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed)
      throw new AuthenticationError(`token is not accepted: ${error.claim} ${error.reason === 'missing' ? 'is missing' : 'does not match'}`);
    throw new AuthenticationError('token is not valid');
  }
}

/** An HS256 bearer token the gateway accepts: for the embedded demo, tests and benchmarks (production uses its IdP). */
export function signBearerToken(secret: string, subject: string, roles: string[] = [], expiresIn = '1h'): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
