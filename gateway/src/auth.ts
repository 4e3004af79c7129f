import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Identity } from '@psa/identity';

export const ANONYMOUS: Identity = { subject: null, roles: [] };

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/**
 * Turns the Authorization header into an identity. No header means an anonymous caller (public data only);
 * a header that is present but wrong is an error, never a silent downgrade to anonymous.
 */
export async function identityFromAuthorization(header: string | undefined, secret: Uint8Array): Promise<Identity> {
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AuthenticationError('Authorization header must be "Bearer <token>"');
  try {
    const { payload } = await jwtVerify(match[1]!, secret, { algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new AuthenticationError('token has no subject (sub)');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return { subject: payload.sub, roles };
  } catch (error) {
    if (error instanceof AuthenticationError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AuthenticationError('token has expired');
    throw new AuthenticationError('token is not valid');
  }
}

/** An HS256 bearer token the gateway accepts: for the embedded demo, tests and benchmarks (production uses its IdP). */
export function signBearerToken(secret: string, subject: string, roles: string[] = [], expiresIn = '1h'): Promise<string> {
  return new SignJWT({ roles }).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(secret));
}
