import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertSecret, keyOf } from './identity';

/** Who was granted what: a viewer (token subject, null for anonymous) and one entity. */
export interface AccessSubject {
  subject: string | null;
  typename: string;
  id: string;
}

const DOMAIN = 'psa-access-grant.v1';
// A grant travels from the entity's owner to a division inside one client request, through the gateway.
const DEFAULT_WINDOW_SECONDS = 60;

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', keyOf(secret)).update(`${DOMAIN}\n${body}`).digest();
}

/**
 * The owner of an entity's answer to "may this viewer see it?", in a form a division can check: a division
 * that @requires it cannot be fooled by a caller who sends `true`, because only holders of the identity secret
 * can make one, and it names the viewer and the entity it was made for.
 */
export function grantAccess(secret: string, { subject, typename, id }: AccessSubject, nowSeconds = Math.floor(Date.now() / 1000)): string {
  assertSecret(secret);
  const body = `${nowSeconds}.${Buffer.from(JSON.stringify([subject, typename, id])).toString('base64url')}`;
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** True only for a grant made with this secret, for this viewer and this entity, within the window. */
export function verifyAccessGrant(
  secret: string,
  grant: unknown,
  { subject, typename, id }: AccessSubject,
  { windowSeconds = DEFAULT_WINDOW_SECONDS, nowSeconds = Math.floor(Date.now() / 1000) } = {},
): boolean {
  if (typeof grant !== 'string') return false;
  const cut = grant.lastIndexOf('.');
  if (cut < 0) return false;
  const body = grant.slice(0, cut);
  const expected = mac(secret, body);
  const given = Buffer.from(grant.slice(cut + 1), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const [at, encoded] = body.split('.');
  if (Math.abs(nowSeconds - Number(at)) > windowSeconds) return false;
  try {
    const [grantedSubject, grantedType, grantedId] = JSON.parse(Buffer.from(encoded ?? '', 'base64url').toString('utf8')) as unknown[];
    return grantedSubject === subject && grantedType === typename && grantedId === id;
  } catch {
    return false;
  }
}
