import { core } from '@psa/core';
import { healthcare } from '@psa/healthcare';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet } from './helpers';
import { BOOK, createClinic, openSlots, tomorrow, type TestClinic } from './healthcare-fixtures';

/**
 * Clinic staff act on their own clinic only, with the role the action needs; owners on their own waitlist entries.
 * Every clinic-scoped operation, asked by another clinic's admin, by this clinic's receptionist where admins alone
 * may, and by a signed-in stranger.
 */
let stack: TestStack;
let clinic: TestClinic;
let other: TestClinic;
let ids: Record<string, string>;

beforeAll(async () => {
  stack = await startTestStack([core, healthcare]);
  clinic = await createClinic(stack);
  other = await createClinic(stack);
  const [slot, second] = await openSlots(stack, clinic);
  const owner = await createOwner(stack, 'hc-access-owner');
  const petId = await registerPet(stack, owner, { name: 'Guarded' });
  await stack.settle();
  const { bookAppointment } = await must(stack, BOOK, { i: { slotId: slot, petId, service: 'general-exam' } }, owner.token);
  const { raiseEmergencyFlag } = await must(
    stack,
    `mutation($c: ID!) { raiseEmergencyFlag(clinicId: $c, input: { flagType: AT_CAPACITY }) { id } }`,
    { c: clinic.id },
    clinic.admin,
  );
  const { joinWaitlist } = await must(
    stack,
    `mutation($i: JoinWaitlistInput!) { joinWaitlist(input: $i) { id } }`,
    { i: { clinicId: clinic.id, service: 'general-exam', petId, desiredDate: tomorrow().date } },
    owner.token,
  );
  ids = { appointment: bookAppointment.id, slot: second!, flag: raiseEmergencyFlag.id, waitlist: joinWaitlist.id, owner: owner.token };
}, 180_000);
afterAll(() => stack?.close());

const ADMIN_ONLY: [string, string, () => Record<string, unknown>][] = [
  ['updateClinic', `mutation($c: ID!) { updateClinic(id: $c, input: { name: "Taken" }) { id } }`, () => ({ c: clinic.id })],
  ['setClinicHours', `mutation($c: ID!) { setClinicHours(clinicId: $c, hours: []) { id } }`, () => ({ c: clinic.id })],
  ['offerService', `mutation($c: ID!) { offerService(clinicId: $c, input: { service: "surgery-consult", durationMin: 30 }) { id } }`, () => ({ c: clinic.id })],
  ['addClinicStaff', `mutation($c: ID!) { addClinicStaff(clinicId: $c, input: { userId: "intruder", role: ADMIN }) { id } }`, () => ({ c: clinic.id })],
  ['removeClinicStaff', `mutation($c: ID!) { removeClinicStaff(clinicId: $c, userId: "nobody") { id } }`, () => ({ c: clinic.id })],
  ['clinicStaff', `query($c: ID!) { clinicStaff(clinicId: $c) { id } }`, () => ({ c: clinic.id })],
  [
    'addSlotRule',
    `mutation($c: ID!) { addSlotRule(clinicId: $c, input: { dayOfWeek: 1, startTime: "09:00", endTime: "10:00", slotMinutes: 30 }) { id } }`,
    () => ({ c: clinic.id }),
  ],
  ['slotRules', `query($c: ID!) { slotRules(clinicId: $c) { id } }`, () => ({ c: clinic.id })],
  ['generateSlots', `mutation($c: ID!, $d: Date!) { generateSlots(clinicId: $c, from: $d, to: $d) }`, () => ({ c: clinic.id, d: tomorrow().date })],
  ['blockSlot', `mutation($s: ID!) { blockSlot(slotId: $s, blocked: true) { id } }`, () => ({ s: ids.slot })],
  ['raiseEmergencyFlag', `mutation($c: ID!) { raiseEmergencyFlag(clinicId: $c, input: { flagType: CLOSED_EMERGENCY }) { id } }`, () => ({ c: clinic.id })],
  ['clearEmergencyFlag', `mutation($f: ID!) { clearEmergencyFlag(id: $f) { id } }`, () => ({ f: ids.flag })],
];

it("another clinic's admin, this clinic's receptionist and a stranger may not manage the clinic", async () => {
  const stranger = await stack.token('hc-access-stranger');
  const answers: string[] = [];
  for (const [name, query, variables] of ADMIN_ONLY)
    for (const [who, token] of [
      ['other admin', other.admin],
      ['receptionist', clinic.receptionist],
      ['vet', clinic.vet],
      ['stranger', stranger],
    ] as const) {
      const res = await stack.query(query, variables(), token);
      answers.push(`${name} by ${who}: ${res.errors?.[0]?.extensions?.code ?? 'allowed'}`);
    }
  expect(answers.filter((a) => !a.endsWith('FORBIDDEN'))).toEqual([]);
  // The clinic's own admin may (the same operations, a sample of them).
  await must(stack, `query($c: ID!) { clinicStaff(clinicId: $c) { role } }`, { c: clinic.id }, clinic.admin);
  await must(stack, `query($c: ID!) { slotRules(clinicId: $c) { id } }`, { c: clinic.id }, clinic.admin);
}, 120_000);

it("appointments of the day: the clinic's reception, not another clinic; a vet's schedule is their own", async () => {
  const day = tomorrow().date;
  const LIST = `query($c: ID!, $d: Date!) { clinicAppointments(clinicId: $c, date: $d) { id } }`;
  expect((await must(stack, LIST, { c: clinic.id, d: day }, clinic.receptionist)).clinicAppointments).toEqual([{ id: ids.appointment }]);
  for (const token of [other.admin, other.receptionist, clinic.vet, ids.owner!])
    expect((await stack.query(LIST, { c: clinic.id, d: day }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await must(stack, `query($d: Date!) { myVetSchedule(date: $d) { id } }`, { d: day }, other.vet)).myVetSchedule).toEqual([]);
  expect((await stack.query(`query($d: Date!) { myVetSchedule(date: $d) { id } }`, { d: day }, clinic.admin)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  // Another clinic's vet cannot complete it, nor mark it a no-show, nor check it in.
  for (const op of [
    `mutation($id: ID!) { completeAppointment(id: $id) { id } }`,
    `mutation($id: ID!) { markNoShow(id: $id) { id } }`,
    `mutation($id: ID!) { checkInAppointment(id: $id) { id } }`,
  ])
    expect((await stack.query(op, { id: ids.appointment }, other.vet)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
}, 60_000);

it('a waitlist entry is its owner’s alone', async () => {
  const stranger = await createOwner(stack, 'hc-access-waitlist-stranger');
  await stack.settle();
  expect((await must(stack, `{ myWaitlist { id } }`, {}, stranger.token)).myWaitlist).toEqual([]);
  const leave = await stack.query(`mutation($id: ID!) { leaveWaitlist(id: $id) { id } }`, { id: ids.waitlist }, stranger.token);
  expect(leave.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  expect((await must(stack, `{ myWaitlist { id status } }`, {}, ids.owner!)).myWaitlist).toEqual([{ id: ids.waitlist, status: 'WAITING' }]);
}, 60_000);
