import { IDENTITY_HEADER, IdentityError, SIGNATURE_HEADER, signIdentity, verifyIdentity } from '../src';

const secret = 'a'.repeat(32);
const reader = (headers: Record<string, string>) => (name: string) => headers[name];

describe('signed identity', () => {
  it('round-trips subject and roles', () => {
    const headers = signIdentity({ subject: 'user_1', roles: ['admin'] }, secret);
    expect(verifyIdentity(reader(headers), secret)).toEqual({ subject: 'user_1', roles: ['admin'] });
  });

  it('carries anonymous callers as a null subject', () => {
    const headers = signIdentity({ subject: null, roles: [] }, secret);
    expect(verifyIdentity(reader(headers), secret)).toEqual({ subject: null, roles: [] });
  });

  it('refuses a missing header, another secret, a tampered payload and an old signature', () => {
    const headers = signIdentity({ subject: 'user_1', roles: [] }, secret, 1_000_000);
    expect(() => verifyIdentity(reader({}), secret)).toThrow(/missing/);
    expect(() => verifyIdentity(reader(headers), 'b'.repeat(32), { nowSeconds: 1_000_000 })).toThrow(/does not match/);
    const forged = Buffer.from(JSON.stringify({ sub: 'user_1', roles: ['admin'], iat: 1_000_000 })).toString('base64url');
    expect(() => verifyIdentity(reader({ ...headers, [IDENTITY_HEADER]: forged }), secret, { nowSeconds: 1_000_000 })).toThrow(IdentityError);
    expect(() => verifyIdentity(reader(headers), secret, { nowSeconds: 1_000_000 + 301 })).toThrow(/older than 300s/);
    expect(() => verifyIdentity(reader({ ...headers, [SIGNATURE_HEADER]: 'x' }), secret, { nowSeconds: 1_000_000 })).toThrow(/does not match/);
  });

  it('refuses a short secret on both sides', () => {
    expect(() => signIdentity({ subject: null, roles: [] }, 'short')).toThrow(/at least 32 characters, got 5/);
    expect(() => verifyIdentity(reader({}), 'short')).toThrow(/at least 32 characters/);
  });
});
