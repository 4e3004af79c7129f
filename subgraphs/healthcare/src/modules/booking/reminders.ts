import { inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@psa/db';
import { clockWorker, notify, type Worker, type WorkerDeps } from '@psa/subgraph-kit';
import { notifications } from '../../notifications';
import { clinics } from '../clinics/tables';
import { ownerCopies } from '../core-copies/tables';
import { clinicInstant } from './rules';
import { appointments } from './tables';

/** How long before a visit its owner is reminded of it. */
export const REMINDER_HOURS = 24;

interface DueVisit {
  id: string;
  clerk_id: string | null;
  clinic_name: string;
  scheduled_date: string;
  scheduled_start: string;
  confirmation_code: string;
}

/**
 * Reminds the owner, once, of each open appointment that starts within REMINDER_HOURS on its clinic's clock: a
 * notice they read as healthcareNotifications, and reminder_sent_at, in one transaction. Rows another replica is
 * reminding are skipped. An owner erased since booking has no one left to tell; the visit is marked all the same.
 * Returns how many appointments it marked.
 */
export async function sendDueReminders(db: Db, batch = 500): Promise<number> {
  return db.transaction(async (tx) => {
    const due = rowsOf<DueVisit>(
      await tx.execute(sql`
        select a.id, o.clerk_id, c.name as clinic_name, a.scheduled_date::text, to_char(a.scheduled_start, 'HH24:MI') as scheduled_start,
          a.confirmation_code
        from ${appointments} a
        join ${clinics} c on c.id = a.clinic_id
        left join ${ownerCopies} o on o.id = a.owner_id and not o.deleted
        where a.status in ('BOOKED', 'RESCHEDULED') and a.reminder_sent_at is null
          -- A day either side covers every timezone, so the partial index on the date narrows the scan.
          and a.scheduled_date between current_date - 1 and current_date + ${Math.ceil(REMINDER_HOURS / 24) + 1}::int
          and ${clinicInstant(sql`a.scheduled_date`, sql`a.scheduled_start`, sql`c.timezone`)} between now() and now() + make_interval(hours => ${REMINDER_HOURS}::int)
        order by a.id
        limit ${batch}
        for update of a skip locked`),
    );
    if (due.length === 0) return 0;
    await notify(
      tx,
      notifications,
      due.flatMap((visit) =>
        visit.clerk_id
          ? [
              {
                userId: visit.clerk_id,
                type: 'APPOINTMENT_REMINDER',
                message: `Reminder: your visit at ${visit.clinic_name} on ${visit.scheduled_date} at ${visit.scheduled_start} (clinic time), confirmation ${visit.confirmation_code}`,
              },
            ]
          : [],
      ),
    );
    await tx
      .update(appointments)
      .set({ reminderSentAt: new Date() })
      .where(
        inArray(
          appointments.id,
          due.map((visit) => visit.id),
        ),
      );
    return due.length;
  });
}

/** Sends due reminders every REMINDER_CHECK_MS (default a minute). */
export function reminderWorker({ database, log }: WorkerDeps): Worker {
  return clockWorker({
    name: 'appointment reminders',
    everyMs: Number(process.env.REMINDER_CHECK_MS ?? 60_000),
    round: () => sendDueReminders(database.db),
    did: (n) => `appointment reminders: ${n} sent`,
    log,
  });
}
