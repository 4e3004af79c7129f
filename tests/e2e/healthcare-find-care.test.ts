import { core } from '@psa/core';
import { healthcare } from '@psa/healthcare';
import { startTestStack, type TestStack } from '@psa/testing';
import { must } from './helpers';
import { createClinic } from './healthcare-fixtures';

/** Finding care: radius, filters, open now in the clinic's own timezone, emergencies, home visits, full text. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([core, healthcare]);
}, 180_000);
afterAll(() => stack?.close());

// A point in the sea off Oregon, far from other tests' clinics (they sit in Portland).
const HERE = { latitude: 44.0, longitude: -125.0 };
/** A point `km` kilometres north of HERE. */
const north = (km: number) => ({ latitude: HERE.latitude + km / 111.195, longitude: HERE.longitude });

const SEARCH = `query($s: ClinicSearchInput!, $l: Int) { clinics(search: $s, limit: $l) { distanceKm clinic { id name openNow acceptingEmergencyNow } } }`;
const search = async (s: Record<string, unknown>, token: string, limit = 20) =>
  (await must(stack, SEARCH, { s, l: limit }, token)).clinics as {
    distanceKm: number;
    clinic: { id: string; name: string; openNow: boolean; acceptingEmergencyNow: boolean };
  }[];

it('finds clinics within the radius, nearest first, with every filter', async () => {
  const anyone = await stack.token('hc-searcher');
  const near = await createClinic(stack, { ...north(2), name: 'Seaside Cat Clinic', description: 'Feline dentistry and gentle exams' }, [
    { service: 'dental-cleaning', acceptedSpecies: ['CAT'] },
  ]);
  const mid = await createClinic(
    stack,
    { ...north(8), name: 'Harbour Emergency Vets', acceptsEmergency: true, homeVisitEnabled: true, homeVisitRadiusKm: 10 },
    [{ service: 'emergency-visit' }, { service: 'home-visit-general' }],
  );
  const far = await createClinic(stack, { ...north(30), name: 'Inland Animal Hospital', homeVisitEnabled: true, homeVisitRadiusKm: 5 }, [
    { service: 'general-exam' },
  ]);
  // Closed all week, in a timezone far from UTC.
  const closed = await createClinic(stack, { ...north(4), name: 'Shut Tight Clinic', timezone: 'Pacific/Kiritimati' }, [{ service: 'general-exam' }]);
  await must(stack, `mutation($c: ID!) { setClinicHours(clinicId: $c, hours: []) { id } }`, { c: closed.id }, closed.admin);

  const within10 = await search({ near: HERE, radiusKm: 10 }, anyone);
  expect(within10.map((m) => m.clinic.id)).toEqual([near.id, closed.id, mid.id]);
  expect(within10.map((m) => Math.round(m.distanceKm))).toEqual([2, 4, 8]);
  expect((await search({ near: HERE, radiusKm: 50 }, anyone)).map((m) => m.clinic.id)).toEqual([near.id, closed.id, mid.id, far.id]);
  expect((await search({ near: HERE, radiusKm: 50 }, anyone, 2)).map((m) => m.clinic.id)).toEqual([near.id, closed.id]);

  expect((await search({ near: HERE, radiusKm: 50, service: 'dental-cleaning', species: 'CAT' }, anyone)).map((m) => m.clinic.id)).toEqual([near.id]);
  expect(await search({ near: HERE, radiusKm: 50, service: 'dental-cleaning', species: 'DOG' }, anyone)).toEqual([]);
  expect((await search({ near: HERE, radiusKm: 50, species: 'DOG' }, anyone)).map((m) => m.clinic.id)).toEqual([closed.id, mid.id, far.id]);

  const open = await search({ near: HERE, radiusKm: 50, openNow: true }, anyone);
  expect(open.map((m) => m.clinic.id)).not.toContain(closed.id);
  expect(open.every((m) => m.clinic.openNow)).toBe(true);

  // Home visits: the clinic's radius must reach the point (the owner's address).
  expect((await search({ near: north(1), radiusKm: 50, homeVisit: true }, anyone)).map((m) => m.clinic.id)).toEqual([mid.id]);
  expect((await search({ near: north(28), radiusKm: 50, homeVisit: true }, anyone)).map((m) => m.clinic.id)).toEqual([far.id]);

  // Full text on name and description, alone or with a point.
  expect((await search({ text: 'feline dentistry' }, anyone)).map((m) => m.clinic.id)).toEqual([near.id]);
  expect((await search({ near: HERE, radiusKm: 50, text: 'hospital' }, anyone)).map((m) => m.clinic.id)).toEqual([far.id]);
}, 120_000);

it('an emergency flag counts only while it is in force, and expires by itself', async () => {
  const anyone = await stack.token('hc-emergency-searcher');
  const point = { latitude: -40.0, longitude: 170.0 };
  const er = await createClinic(stack, { ...point, name: 'Night ER', acceptsEmergency: true }, [{ service: 'emergency-visit' }]);
  const notEr = await createClinic(stack, { ...point, name: 'Day Clinic', acceptsEmergency: false }, [{ service: 'general-exam' }]);
  const ids = async () => (await search({ near: point, radiusKm: 5, acceptingEmergencyNow: true }, anyone)).map((m) => m.clinic.id);
  expect(await ids()).toEqual([]);
  const raise = `mutation($c: ID!, $i: RaiseEmergencyFlagInput!) { raiseEmergencyFlag(clinicId: $c, input: $i) { id } }`;
  await must(stack, raise, { c: notEr.id, i: { flagType: 'ACCEPTING_EMERGENCY' } }, notEr.admin);
  await must(
    stack,
    raise,
    { c: er.id, i: { flagType: 'ACCEPTING_EMERGENCY', message: 'ER wait: 2 hrs', expiresAt: new Date(Date.now() + 1500).toISOString() } },
    er.admin,
  );
  // The clinic that does not take emergencies never counts, whatever its flag says.
  expect(await ids()).toEqual([er.id]);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(await ids()).toEqual([]);
  const { clinic } = await must(stack, `query($c: ID!) { clinic(id: $c) { acceptingEmergencyNow emergencyFlags { id } } }`, { c: er.id }, anyone);
  expect(clinic).toEqual({ acceptingEmergencyNow: false, emergencyFlags: [] });
  // A newer flag replaces the one in force.
  await must(stack, raise, { c: er.id, i: { flagType: 'ACCEPTING_EMERGENCY' } }, er.admin);
  expect(await ids()).toEqual([er.id]);
  await must(stack, raise, { c: er.id, i: { flagType: 'AT_CAPACITY', message: 'full' } }, er.admin);
  expect(await ids()).toEqual([]);
  const past = await stack.query(raise, { c: er.id, i: { flagType: 'AT_CAPACITY', expiresAt: '2020-01-01T00:00:00Z' } }, er.admin);
  expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expiresAt' });
  const stranger = await stack.token('hc-flag-stranger');
  expect((await stack.query(raise, { c: er.id, i: { flagType: 'CLOSED_EMERGENCY' } }, stranger)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
}, 60_000);

it('names the field of every bad search and clinic input', async () => {
  const anyone = await stack.token('hc-bad-searcher');
  const bad = async (s: Record<string, unknown>, limit = 20) => (await stack.query(SEARCH, { s, l: limit }, anyone)).errors?.[0]?.extensions;
  expect(await bad({})).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search.near' });
  expect(await bad({ near: { latitude: 91, longitude: 0 } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search.near.latitude' });
  expect(await bad({ near: HERE, radiusKm: 5000 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search.radiusKm' });
  expect(await bad({ text: 'x'.repeat(201) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search.text' });
  expect(await bad({ text: 'vet' }, 1000)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
  expect(await bad({ near: HERE, species: 'DRAGON' })).toMatchObject({ code: 'BAD_USER_INPUT' });
  const admin = await stack.token('hc-platform-admin', ['admin']);
  const create = (fields: Record<string, unknown>) =>
    stack.query(
      `mutation($i: CreateClinicInput!) { createClinic(input: $i) { id } }`,
      {
        i: {
          name: 'X',
          slug: `x-${Date.now()}`,
          phone: '+1 555 0100',
          addressLine1: '1 St',
          city: 'C',
          state: 'S',
          postalCode: '1',
          latitude: 1,
          longitude: 1,
          timezone: 'UTC',
          adminUserId: 'a',
          ...fields,
        },
      },
      admin,
    );
  for (const [fields, field] of [
    [{ timezone: 'Mars/Olympus' }, 'input.timezone'],
    [{ slug: 'Not A Slug' }, 'input.slug'],
    [{ longitude: 181 }, 'input.longitude'],
    [{ homeVisitEnabled: true }, 'input.homeVisitRadiusKm'],
    [{ homeVisitEnabled: true, homeVisitRadiusKm: 1000 }, 'input.homeVisitRadiusKm'],
    [{ websiteUrl: 'javascript:alert(1)' }, 'input.websiteUrl'],
    [{ name: 'nul\u0000byte' }, 'name'],
  ] as const) {
    const res = await create(fields);
    expect([field, res.errors?.[0]?.extensions?.code]).toEqual([field, 'BAD_USER_INPUT']);
    expect(String(res.errors?.[0]?.message)).toContain(field);
  }
  const owner = await stack.token('hc-not-admin');
  expect(
    (
      await create({}).then(() =>
        stack.query(
          `mutation { createClinic(input: { name: "n", slug: "n", phone: "5550100", addressLine1: "a", city: "c", state: "s", postalCode: "p", latitude: 1, longitude: 1, timezone: "UTC", adminUserId: "a" }) { id } }`,
          {},
          owner,
        ),
      )
    ).errors?.[0]?.extensions?.code,
  ).toBe('FORBIDDEN');
}, 60_000);
