import { SignJWT } from 'jose';
import { identityFromAuthorization, type TokenRules } from '../src/auth';

/** Verified tokens are kept until they expire: a kept token must still stop working at its expiry. */
const rules: TokenRules = { key: new TextEncoder().encode('k'.repeat(32)) };
const now = () => Math.floor(Date.now() / 1000);
const token = (claims: { sub: string; exp: number; roles?: string[] }) =>
  new SignJWT({ roles: claims.roles ?? [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt(now() - 60)
    .setExpirationTime(claims.exp)
    .sign(rules.key);

it('answers a verified token from memory, and refuses it once it has expired (30 s of clock tolerance included)', async () => {
  // Expired 28 s ago: still inside the tolerance for 2 more seconds.
  const header = `Bearer ${await token({ sub: 'user_a', exp: now() - 28, roles: ['admin'] })}`;
  expect(await identityFromAuthorization(header, rules)).toEqual({ subject: 'user_a', roles: ['admin'] });
  expect(await identityFromAuthorization(header, rules)).toEqual({ subject: 'user_a', roles: ['admin'] });
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await expect(identityFromAuthorization(header, rules)).rejects.toThrow('token has expired');
});

it('keeps nothing for a token that fails, nor lets a kept one vouch for another secret', async () => {
  const header = `Bearer ${await token({ sub: 'user_b', exp: now() + 600 })}`;
  expect(await identityFromAuthorization(header, rules)).toEqual({ subject: 'user_b', roles: [] });
  const otherSecret: TokenRules = { key: new TextEncoder().encode('o'.repeat(32)) };
  await expect(identityFromAuthorization(header, otherSecret)).rejects.toThrow('token is not valid');
  await expect(identityFromAuthorization(header, otherSecret)).rejects.toThrow('token is not valid');
  const tampered = header.slice(0, -2) + (header.endsWith('A') ? 'BB' : 'AA');
  await expect(identityFromAuthorization(tampered, rules)).rejects.toThrow('token is not valid');
});
