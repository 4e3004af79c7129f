import { grantAccess, IDENTITY_HEADER, IdentityError, SIGNATURE_HEADER, SIGNED_AT_HEADER, signIdentity, verifyAccessGrant, verifyIdentity } from '../src';

const secret = 'a'.repeat(32);
const reader = (headers: Record<string, string>) => (name: string) => headers[name];
const forCore = { audience: 'core', body: '{"query":"{ me { id } }"}' };
const AT = 1_000_000;

describe('signed identity', () => {
  it('round-trips subject and roles for the subgraph and body it was signed for', () => {
    const headers = signIdentity({ subject: 'user_1', roles: ['admin'] }, secret, forCore, AT);
    expect(verifyIdentity(reader(headers), secret, forCore, { nowSeconds: AT })).toEqual({ subject: 'user_1', roles: ['admin'] });
  });

  it('carries anonymous callers as a null subject', () => {
    const headers = signIdentity({ subject: null, roles: [] }, secret, forCore, AT);
    expect(verifyIdentity(reader(headers), secret, forCore, { nowSeconds: AT })).toEqual({ subject: null, roles: [] });
  });

  it('is worth nothing for another subgraph, another body, or outside its window', () => {
    const headers = signIdentity({ subject: 'user_1', roles: [] }, secret, forCore, AT);
    expect(() => verifyIdentity(reader(headers), secret, { ...forCore, audience: 'licensure' }, { nowSeconds: AT })).toThrow(
      /does not match this request \(subgraph licensure/,
    );
    expect(() => verifyIdentity(reader(headers), secret, { ...forCore, body: '{"query":"{ owner(id: \\"x\\") { email } }"}' }, { nowSeconds: AT })).toThrow(
      /does not match/,
    );
    expect(() => verifyIdentity(reader(headers), secret, forCore, { nowSeconds: AT + 31 })).toThrow(/more than 30s old/);
    expect(() => verifyIdentity(reader(headers), secret, forCore, { nowSeconds: AT - 31 })).toThrow(/from the future/);
    expect(verifyIdentity(reader(headers), secret, forCore, { nowSeconds: AT + 30 })).toEqual({ subject: 'user_1', roles: [] });
  });

  it('refuses a missing header, another secret, a tampered identity, a moved timestamp and a bad signature', () => {
    const headers = signIdentity({ subject: 'user_1', roles: [] }, secret, forCore, AT);
    const at = { nowSeconds: AT };
    expect(() => verifyIdentity(reader({}), secret, forCore, at)).toThrow(/missing/);
    expect(() => verifyIdentity(reader(headers), 'b'.repeat(32), forCore, at)).toThrow(/does not match/);
    const forged = Buffer.from(JSON.stringify({ sub: 'user_1', roles: ['admin'] })).toString('base64url');
    expect(() => verifyIdentity(reader({ ...headers, [IDENTITY_HEADER]: forged }), secret, forCore, at)).toThrow(IdentityError);
    expect(() => verifyIdentity(reader({ ...headers, [SIGNED_AT_HEADER]: String(AT + 1) }), secret, forCore, at)).toThrow(/does not match/);
    expect(() => verifyIdentity(reader({ ...headers, [SIGNATURE_HEADER]: 'x' }), secret, forCore, at)).toThrow(/does not match/);
  });

  it('refuses a short secret on both sides', () => {
    expect(() => signIdentity({ subject: null, roles: [] }, 'short', forCore)).toThrow(/at least 32 characters, got 5/);
    expect(() => verifyIdentity(reader({}), 'short', forCore)).toThrow(/at least 32 characters/);
  });
});

describe('access grants', () => {
  const pet = { subject: 'alice', typename: 'Pet', id: 'p1' };

  it('hold for the viewer and entity they were made for, within their window', () => {
    const grant = grantAccess(secret, pet, AT);
    expect(verifyAccessGrant(secret, grant, pet, { nowSeconds: AT + 60 })).toBe(true);
    expect(verifyAccessGrant(secret, grant, pet, { nowSeconds: AT + 61 })).toBe(false);
  });

  it('hold for no other viewer, entity or type, and cannot be made without the secret', () => {
    const grant = grantAccess(secret, pet, AT);
    const now = { nowSeconds: AT };
    expect(verifyAccessGrant(secret, grant, { ...pet, subject: 'bob' }, now)).toBe(false);
    expect(verifyAccessGrant(secret, grant, { ...pet, subject: null }, now)).toBe(false);
    expect(verifyAccessGrant(secret, grant, { ...pet, id: 'p2' }, now)).toBe(false);
    expect(verifyAccessGrant(secret, grant, { ...pet, typename: 'Owner' }, now)).toBe(false);
    expect(verifyAccessGrant(secret, grantAccess('b'.repeat(32), pet, AT), pet, now)).toBe(false);
    for (const forged of [true, 'true', '', 'x.y', `${AT}.e30.AAAA`, null, undefined, 1]) expect(verifyAccessGrant(secret, forged, pet, now)).toBe(false);
  });

  it('are not identity signatures: a grant cannot stand in for an identity header', () => {
    const grant = grantAccess(secret, pet, AT);
    const headers = signIdentity({ subject: 'alice', roles: [] }, secret, forCore, AT);
    expect(() => verifyIdentity(reader({ ...headers, [SIGNATURE_HEADER]: grant.split('.')[2]! }), secret, forCore, { nowSeconds: AT })).toThrow(
      /does not match/,
    );
  });
});
