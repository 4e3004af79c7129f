import type { Identity } from '@psa/identity';
import { unauthenticated } from './errors';

export const ADMIN_ROLE = 'admin';

/** The caller of one request, as the gateway signed it. */
export class Viewer {
  constructor(readonly identity: Identity) {}

  get subject(): string | null {
    return this.identity.subject;
  }

  hasRole(role: string): boolean {
    return this.identity.roles.includes(role);
  }

  get isAdmin(): boolean {
    return this.hasRole(ADMIN_ROLE);
  }

  /** The token subject; throws UNAUTHENTICATED for anonymous callers. */
  requireSubject(): string {
    if (!this.identity.subject) throw unauthenticated();
    return this.identity.subject;
  }
}
