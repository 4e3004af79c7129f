import { core } from '@psa/core';
import { healthcare } from '@psa/healthcare';
import { startTestStack, type TestStack } from '@psa/testing';
import { sendDueReminders } from '../../subgraphs/healthcare/src/modules/booking/reminders';
import { createOwner, must, registerPet } from './helpers';
import { BOOK, createClinic, openSlots } from './healthcare-fixtures';

/**
 * Appointment reminders: an owner is told once, a day ahead on the clinic's clock, of each open visit; not of one
 * further off, nor of a cancelled one; a rescheduled visit is reminded again. The reminder worker runs in the
 * stack as in production; the test also runs a round itself, so that it need not wait for the worker's minute.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([core, healthcare]);
}, 180_000);
afterAll(() => stack?.close());

const healthcareSql = (text: string, values: unknown[]) => stack.subgraphs.healthcare!.sql.query(text, values).then((r) => r.rows);

/** Moves a visit to start `hours` from now (to the minute) on its clinic's clock (the test clinics keep UTC). */
const startIn = (appointmentId: string, hours: number) =>
  healthcareSql(
    `with at as (select date_trunc('minute', now() at time zone 'UTC' + make_interval(hours => $2)) as t)
     update healthcare.appointments
       set scheduled_date = at.t::date, scheduled_start = at.t::time,
           -- Ends half an hour later, or at the day's end for a visit begun after 23:29 (times do not cross midnight).
           scheduled_end = case when at.t::time > time '23:29' then time '23:59:59' else at.t::time + interval '30 minutes' end
     from at where id = $1`,
    [appointmentId, hours],
  );

const sentAt = (appointmentId: string) =>
  healthcareSql(`select reminder_sent_at from healthcare.appointments where id = $1`, [appointmentId]).then(([row]) => row.reminder_sent_at as Date | null);

const REMINDERS = `{ healthcareNotifications { type message } }`;

it('reminds the owner once of a visit within a day; not of one further off or cancelled; again after a reschedule', async () => {
  const clinic = await createClinic(stack, { name: 'Harbour Vets Reminders' });
  const [soon, later, cancelled, spare] = await openSlots(stack, clinic);
  const owner = await createOwner(stack, 'hc-reminded');
  const petId = await registerPet(stack, owner, { name: 'Punctual' });
  await stack.settle();
  const book = async (slotId: string) => (await must(stack, BOOK, { i: { slotId, petId, service: 'general-exam' } }, owner.token)).bookAppointment;
  const [a, b, c] = [await book(soon!), await book(later!), await book(cancelled!)];
  await startIn(a.id, 2);
  await startIn(b.id, 30);
  await startIn(c.id, 3);
  await must(stack, `mutation($id: ID!) { cancelAppointment(id: $id, reason: "moved away") { status } }`, { id: c.id }, owner.token);

  await sendDueReminders(stack.subgraphs.healthcare!.database.db);
  await sendDueReminders(stack.subgraphs.healthcare!.database.db);
  const { healthcareNotifications } = await must(stack, REMINDERS, {}, owner.token);
  expect(healthcareNotifications).toEqual([
    {
      type: 'APPOINTMENT_REMINDER',
      message: expect.stringMatching(
        new RegExp(
          `^Reminder: your visit at Harbour Vets Reminders on \\d{4}-\\d{2}-\\d{2} at \\d{2}:\\d{2} \\(clinic time\\), confirmation ${a.confirmationCode}$`,
        ),
      ),
    },
  ]);
  expect(await sentAt(a.id)).toBeInstanceOf(Date);
  expect(await sentAt(b.id)).toBeNull();
  expect(await sentAt(c.id)).toBeNull();
  // Nobody else reads them: the clinic's staff have none of the owner's.
  expect((await must(stack, REMINDERS, {}, clinic.admin)).healthcareNotifications).toEqual([]);

  // Rescheduled to another slot: the new time is reminded when it is a day away.
  await must(stack, `mutation($id: ID!, $s: ID!) { rescheduleAppointment(id: $id, slotId: $s) { status } }`, { id: a.id, s: spare }, owner.token);
  expect(await sentAt(a.id)).toBeNull();
  await startIn(a.id, 5);
  await sendDueReminders(stack.subgraphs.healthcare!.database.db);
  const after = (await must(stack, REMINDERS, {}, owner.token)).healthcareNotifications;
  expect(after.filter((n: { message: string }) => n.message.endsWith(a.confirmationCode))).toHaveLength(2);
  expect(after).toHaveLength(2);
}, 120_000);
