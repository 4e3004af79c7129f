import { randomUUID } from 'node:crypto';
import type { TestStack } from '@psa/testing';
import { must } from './helpers';

/** A clinic of healthcare's network, as the tests build them: its admin, receptionist and vet are signed in. */
export interface TestClinic {
  id: string;
  admin: string;
  receptionist: string;
  vet: string;
  vetId: string;
}

const tag = () => randomUUID().slice(0, 8);

/** Tomorrow's date in UTC (the test clinics' timezone), and its day of week. */
export function tomorrow(): { date: string; dayOfWeek: number } {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return { date: d.toISOString().slice(0, 10), dayOfWeek: d.getUTCDay() };
}

/**
 * Onboards a clinic (admins), with staff, every catalog service it is given (priced 5000 cents) and hours of
 * every day all day; `extra` overrides CreateClinicInput fields.
 */
export async function createClinic(
  stack: TestStack,
  extra: Record<string, unknown> = {},
  offers: { service: string; acceptedSpecies?: string[] }[] = [{ service: 'general-exam' }, { service: 'vaccination' }],
): Promise<TestClinic> {
  const t = tag();
  const platformAdmin = await stack.token(`platform-admin-${t}`, ['admin']);
  const adminSubject = `clinic-admin-${t}`;
  const { createClinic } = await must(
    stack,
    `mutation($i: CreateClinicInput!) { createClinic(input: $i) { id } }`,
    {
      i: {
        name: `Clinic ${t}`,
        slug: `clinic-${t}`,
        phone: '+1 555 0100',
        addressLine1: '1 Main St',
        city: 'Portland',
        state: 'OR',
        postalCode: '97201',
        latitude: 45.52,
        longitude: -122.68,
        timezone: 'UTC',
        adminUserId: adminSubject,
        ...extra,
      },
    },
    platformAdmin,
  );
  const clinicId: string = createClinic.id;
  const admin = await stack.token(adminSubject);
  const vetSubject = `vet-${t}`;
  const vet = await stack.token(vetSubject);
  const { createVet } = await must(
    stack,
    `mutation($i: CreateVetInput!) { createVet(input: $i) { id } }`,
    { i: { userId: vetSubject, displayName: `Dr ${t}` } },
    vet,
  );
  const receptionistSubject = `reception-${t}`;
  await must(
    stack,
    `mutation($c: ID!, $v: AddClinicStaffInput!, $r: AddClinicStaffInput!) { v: addClinicStaff(clinicId: $c, input: $v) { id } r: addClinicStaff(clinicId: $c, input: $r) { id } }`,
    { c: clinicId, v: { userId: vetSubject, role: 'VET', vetId: createVet.id }, r: { userId: receptionistSubject, role: 'RECEPTIONIST' } },
    admin,
  );
  for (const offer of offers)
    await must(
      stack,
      `mutation($c: ID!, $i: OfferServiceInput!) { offerService(clinicId: $c, input: $i) { id } }`,
      { c: clinicId, i: { durationMin: 30, priceCents: 5000, ...offer } },
      admin,
    );
  await must(
    stack,
    `mutation($c: ID!, $h: [ClinicHoursInput!]!) { setClinicHours(clinicId: $c, hours: $h) { id } }`,
    { c: clinicId, h: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ dayOfWeek: d, openTime: '00:00', closeTime: '23:59' })) },
    admin,
  );
  return { id: clinicId, admin, receptionist: await stack.token(receptionistSubject), vet, vetId: createVet.id };
}

/** Adds a weekly rule for tomorrow and generates its slots; returns the free slot ids of that rule's hours, earliest first. */
export async function openSlots(stack: TestStack, clinic: TestClinic, extra: Record<string, unknown> = {}): Promise<string[]> {
  const day = tomorrow();
  const rule = { dayOfWeek: day.dayOfWeek, startTime: '09:00', endTime: '11:00', slotMinutes: 30, vetId: clinic.vetId, ...extra };
  await must(stack, `mutation($c: ID!, $i: SlotRuleInput!) { addSlotRule(clinicId: $c, input: $i) { id } }`, { c: clinic.id, i: rule }, clinic.admin);
  await must(stack, `mutation($c: ID!, $d: Date!) { generateSlots(clinicId: $c, from: $d, to: $d) }`, { c: clinic.id, d: day.date }, clinic.admin);
  const { availableSlots } = await must(
    stack,
    `query($c: ID!, $d: Date!) { availableSlots(clinicId: $c, date: $d) { id startTime } }`,
    { c: clinic.id, d: day.date },
    clinic.admin,
  );
  return availableSlots
    .filter((s: { startTime: string }) => s.startTime >= String(rule.startTime) && s.startTime < String(rule.endTime))
    .map((s: { id: string }) => s.id);
}

export const BOOK = `mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { id status confirmationCode clinic { id } } }`;

/**
 * Moves an appointment `days` days back by SQL, keeping its times: the set-up for completing it or marking it a
 * no-show, since a visit is closed only once it has begun and a booking is only made for the future.
 */
export async function moveAppointmentIntoPast(stack: TestStack, appointmentId: string, days = 2): Promise<void> {
  await stack.subgraphs.healthcare!.sql.query(`update healthcare.appointments set scheduled_date = scheduled_date - $2::int where id = $1`, [
    appointmentId,
    days,
  ]);
}
