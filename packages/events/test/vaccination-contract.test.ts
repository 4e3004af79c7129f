import { randomUUID } from 'node:crypto';
import { contractOf, createEnvelope, HEALTHCARE_TOPICS, topicSpec, vaccinationContract, type VaccinationGivenPayload } from '../src';

const given = (extra: Partial<VaccinationGivenPayload> = {}): VaccinationGivenPayload => ({
  petId: randomUUID(),
  appointmentId: randomUUID(),
  clinicId: randomUUID(),
  clinicName: 'Harbour Vets',
  vaccineName: 'Rabies',
  vaccineType: 'CORE',
  administeredDate: '2026-10-01',
  nextDueDate: '2027-10-01',
  administeredBy: 'Dr. Ana Ruiz',
  manufacturer: 'Zoetis',
  lotNumber: 'RB-2231',
  expirationDate: '2027-03-31',
  ...extra,
});

/** An envelope as it may arrive on healthcare.vaccination: anything in its payload. */
const arriving = (payload: Record<string, unknown>, type = 'vaccination.given', schemaVersion = 1) =>
  createEnvelope({ type, aggregateType: 'vaccination', aggregateId: randomUUID(), version: 1, source: 'healthcare', schemaVersion, payload });

describe('healthcare.vaccination', () => {
  it('is a compacted topic keyed by vaccination, published by healthcare', () => {
    expect(contractOf(HEALTHCARE_TOPICS.vaccination)).toBe(vaccinationContract);
    expect(topicSpec('healthcare.vaccination')).toEqual({ name: 'healthcare.vaccination', partitions: 3, compacted: true });
    expect(vaccinationContract).toMatchObject({ source: 'healthcare', aggregateType: 'vaccination', schemaVersion: 1, accepts: [1] });
  });

  it('reads a vaccine given, with or without the optional dates, and strips fields it does not declare', () => {
    const full = given();
    expect(vaccinationContract.parse(arriving({ ...full, roomNumber: 4 })).payload).toEqual(full);
    const { nextDueDate: _next, expirationDate: _expiry, ...bare } = given({ vaccineType: 'LIFESTYLE' });
    expect(vaccinationContract.parse(arriving(bare)).payload).toEqual(bare);
    expect(vaccinationContract.parse(arriving({ ...bare, nextDueDate: null, expirationDate: null })).payload).toMatchObject({
      nextDueDate: null,
      expirationDate: null,
    });
  });

  it('refuses an event that breaks it, naming each failing field', () => {
    const { lotNumber: _lot, ...withoutLot } = given();
    expect(() => vaccinationContract.parse(arriving(withoutLot))).toThrow(
      'healthcare.vaccination schemaVersion 1 breaks its contract: payload.lotNumber: Invalid input: expected string, received undefined',
    );
    expect(() => vaccinationContract.parse(arriving(given({ vaccineType: 'ORAL' as never, petId: 'rex' })))).toThrow(
      /payload\.petId: Invalid UUID; payload\.vaccineType: Invalid option: expected one of "CORE"\|"NON_CORE"\|"LIFESTYLE"/,
    );
    expect(() => vaccinationContract.parse(arriving(given({ administeredDate: '2026-02-30' })))).toThrow(/payload\.administeredDate: Invalid ISO date/);
    expect(() => vaccinationContract.parse(arriving(given({ administeredBy: '' })))).toThrow(/payload\.administeredBy: Too small/);
    expect(() => vaccinationContract.parse(arriving(given({ nextDueDate: '2026-09-01' })))).toThrow(
      'healthcare.vaccination schemaVersion 1 breaks its contract: payload.nextDueDate: must be after administeredDate',
    );
    expect(() => vaccinationContract.parse(arriving(given(), 'vaccination.updated'))).toThrow(
      /healthcare\.vaccination schemaVersion 1 breaks its contract: type: /,
    );
  });

  it("refuses to build an envelope that breaks it, so healthcare's transaction fails", () => {
    const aggregateId = randomUUID();
    expect(() => vaccinationContract.envelope({ type: 'vaccination.given', aggregateId, version: 1, payload: given({ clinicId: 'clinic-7' }) })).toThrow(
      'healthcare.vaccination schemaVersion 1 breaks its contract: payload.clinicId: Invalid UUID',
    );
    const payload = given();
    expect(vaccinationContract.envelope({ type: 'vaccination.given', aggregateId, version: 1, payload })).toMatchObject({
      type: 'vaccination.given',
      aggregateType: 'vaccination',
      aggregateId,
      source: 'healthcare',
      schemaVersion: 1,
      payload,
    });
  });
});
