import { grantAccess, verifyAccessGrant } from '@psa/identity';
import type { Viewer } from './viewer';

/**
 * How an entity's owner tells a division "this viewer may see this entity" inside one request. Core resolves
 * an @inaccessible `viewerAccess` field with `issue`; a division @requires it on every field it adds to the
 * entity and checks it with `holds`. A grant names the viewer and the entity and is signed with the identity
 * secret, so a caller who calls a division directly and sends `viewerAccess` of their own gets nowhere.
 */
export interface AccessGrants {
  issue(typename: string, id: string): string;
  holds(typename: string, id: string, grant: unknown): boolean;
}

/**
 * One request's grants. A division asks about the same entity and grant once per field it adds (three licensure
 * fields of five pets: fifteen HMACs for five grants), so each answer is kept for the rest of the request.
 */
export function accessGrants(secret: string, viewer: Viewer): AccessGrants {
  const checked = new Map<string, boolean>();
  return {
    issue: (typename, id) => grantAccess(secret, { subject: viewer.subject, typename, id }),
    holds: (typename, id, grant) => {
      if (typeof grant !== 'string') return false;
      const key = JSON.stringify([typename, id, grant]);
      let answer = checked.get(key);
      if (answer === undefined) checked.set(key, (answer = verifyAccessGrant(secret, grant, { subject: viewer.subject, typename, id })));
      return answer;
    },
  };
}
