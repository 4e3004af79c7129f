import type { RuleCheck } from '@psa/events';

/**
 * What healthcare derives from core's pets and must keep true, verified by `pnpm reconcile healthcare` beside the
 * copies' versions: a pet core deleted or reports dead holds no appointment to come and no place in line (the pet
 * projection ends them), and every slot counts its seats right.
 */
export const healthcareChecks: RuleCheck[] = [
  {
    name: 'a deleted or DECEASED pet has no open appointment starting after healthcare heard of it',
    sql: `select a.id::text as id
          from healthcare.appointments a
          join healthcare.pet_copies p on p.id = a.pet_id
          join healthcare.clinics c on c.id = a.clinic_id
          where a.status in ('BOOKED', 'RESCHEDULED') and (p.deleted or p.status = 'DECEASED')
            and (a.scheduled_date + a.scheduled_start) at time zone c.timezone > p.copied_at
          order by 1`,
  },
  {
    name: 'a deleted or DECEASED pet waits in no waitlist',
    sql: `select w.id::text as id
          from healthcare.waitlist_entries w
          join healthcare.pet_copies p on p.id = w.pet_id
          where w.status in ('WAITING', 'OFFERED') and (p.deleted or p.status = 'DECEASED')
          order by 1`,
  },
  {
    name: "a slot's current_bookings is the appointments holding it (all but cancelled ones)",
    sql: `select s.id::text as id
          from healthcare.availability_slots s
          where s.current_bookings <> (select count(*) from healthcare.appointments a
                                       where a.slot_id = s.id and a.status not in ('CANCELLED_BY_OWNER', 'CANCELLED_BY_CLINIC'))
          order by 1`,
  },
];
