import { randomBytes } from 'node:crypto';
import { accessGrants } from '../src/access-grants';
import { Viewer } from '../src/viewer';

const PET = '0b7c2f64-3a51-4c8e-9d6b-2f1e8a7c5d40';
const OTHER_PET = '5d0a3c1e-7b2f-4e9a-8c6d-1a2b3c4d5e6f';
const secret = randomBytes(32).toString('hex');
const ana = new Viewer({ subject: 'user_ana', roles: [] });
const ben = new Viewer({ subject: 'user_ben', roles: [] });

describe('access grants within one request', () => {
  it('hold for the entity and viewer they were issued for, however often a request asks (each field of each pet asks)', () => {
    const grant = accessGrants(secret, ana).issue('Pet', PET);
    const grants = accessGrants(secret, ana);
    for (let field = 0; field < 3; field++) expect(grants.holds('Pet', PET, grant)).toBe(true);
  });

  it("refuse another entity's or viewer's use of a grant that already held in the same request", () => {
    const grant = accessGrants(secret, ana).issue('Pet', PET);
    const anas = accessGrants(secret, ana);
    expect(anas.holds('Pet', PET, grant)).toBe(true);
    expect(anas.holds('Pet', OTHER_PET, grant)).toBe(false);
    expect(anas.holds('Owner', PET, grant)).toBe(false);
    expect(accessGrants(secret, ben).holds('Pet', PET, grant)).toBe(false);
  });

  it('refuse a forged or missing grant every time it is asked about', () => {
    const grants = accessGrants(secret, ana);
    const forged = accessGrants(randomBytes(32).toString('hex'), ana).issue('Pet', PET);
    for (let field = 0; field < 2; field++) {
      expect(grants.holds('Pet', PET, forged)).toBe(false);
      expect(grants.holds('Pet', PET, undefined)).toBe(false);
      expect(grants.holds('Pet', PET, `${forged}x`)).toBe(false);
    }
  });
});
