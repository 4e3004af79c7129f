import { randomUUID } from 'node:crypto';
import { certificationContract, contractOf, createEnvelope, TRAINING_TOPICS, topicSpec, type CertificationIssuedPayload } from '../src';

const issued = (extra: Partial<CertificationIssuedPayload> = {}): CertificationIssuedPayload => ({
  petId: randomUUID(),
  enrollmentId: randomUUID(),
  programId: randomUUID(),
  trainerId: randomUUID(),
  type: 'GOOD_CITIZEN',
  name: 'Canine Good Citizen prep',
  issuedBy: 'Maya Ortiz',
  certificationNumber: 'TC-2026-7K3M9QX2',
  issuedDate: '2026-11-20',
  ...extra,
});

/** An envelope as it may arrive on training.certification: anything in its payload. */
const arriving = (payload: Record<string, unknown>, type = 'certification.issued', schemaVersion = 1) =>
  createEnvelope({ type, aggregateType: 'certification', aggregateId: randomUUID(), version: 1, source: 'training', schemaVersion, payload });

describe('training.certification', () => {
  it('is a compacted topic keyed by certification, published by training', () => {
    expect(contractOf(TRAINING_TOPICS.certification)).toBe(certificationContract);
    expect(topicSpec('training.certification')).toEqual({ name: 'training.certification', partitions: 3, compacted: true });
    expect(certificationContract).toMatchObject({ source: 'training', aggregateType: 'certification', schemaVersion: 1, accepts: [1] });
  });

  it('reads a certificate issued, and strips fields it does not declare', () => {
    const full = issued();
    expect(certificationContract.parse(arriving({ ...full, ownerEmail: 'a@b.c' })).payload).toEqual(full);
  });

  it('refuses an event that breaks it, naming each failing field', () => {
    const { certificationNumber: _number, ...withoutNumber } = issued();
    expect(() => certificationContract.parse(arriving(withoutNumber))).toThrow(
      'training.certification schemaVersion 1 breaks its contract: payload.certificationNumber: Invalid input: expected string, received undefined',
    );
    expect(() => certificationContract.parse(arriving(issued({ type: 'ESA' as never, petId: 'rex' })))).toThrow(
      /payload\.petId: Invalid UUID; payload\.type: Invalid option: expected one of "GOOD_CITIZEN"/,
    );
    expect(() => certificationContract.parse(arriving(issued({ issuedDate: '2026-02-30' })))).toThrow(/payload\.issuedDate: Invalid ISO date/);
    expect(() => certificationContract.parse(arriving(issued(), 'certification.revoked'))).toThrow(
      /training\.certification schemaVersion 1 breaks its contract: type: /,
    );
    expect(() => certificationContract.parse(arriving(issued(), 'certification.issued', 2))).toThrow(/schemaVersion 2 is not accepted \(accepts 1\)/);
  });

  it("refuses to build an envelope that breaks it, so training's transaction fails", () => {
    const aggregateId = randomUUID();
    expect(() => certificationContract.envelope({ type: 'certification.issued', aggregateId, version: 1, payload: issued({ issuedBy: '' }) })).toThrow(
      /training\.certification schemaVersion 1 breaks its contract: payload\.issuedBy: Too small/,
    );
    const payload = issued();
    expect(certificationContract.envelope({ type: 'certification.issued', aggregateId, version: 1, payload })).toMatchObject({
      type: 'certification.issued',
      aggregateType: 'certification',
      aggregateId,
      source: 'training',
      schemaVersion: 1,
      payload,
    });
  });
});
