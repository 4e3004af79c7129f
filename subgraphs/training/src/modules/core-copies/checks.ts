import type { RuleCheck } from '@psa/events';

/**
 * What training derives from core's pets and must keep true, verified by `pnpm reconcile training` beside the
 * copies' versions: a dog core deleted or reports dead holds no seat and no session to come (the pet projection
 * ends them), and every program counts its seats right.
 */
export const trainingChecks: RuleCheck[] = [
  {
    name: 'a deleted or DECEASED dog has no ENROLLED enrollment',
    sql: `select e.id::text as id
          from training.enrollments e
          join training.pet_copies p on p.id = e.pet_id
          where e.status = 'ENROLLED' and (p.deleted or p.status = 'DECEASED')
          order by 1`,
  },
  {
    name: 'a deleted or DECEASED dog has no PENDING or ACCEPTED session starting after training heard of it',
    sql: `select b.id::text as id
          from training.bookings b
          join training.pet_copies p on p.id = b.dog_id
          where b.status in ('PENDING', 'ACCEPTED') and (p.deleted or p.status = 'DECEASED') and b.start_time > p.copied_at
          order by 1`,
  },
  {
    name: "a program's enrolled_count is its enrollments that are not WITHDRAWN",
    sql: `select p.id::text as id
          from training.programs p
          where p.enrolled_count <> (select count(*) from training.enrollments e where e.program_id = p.id and e.status <> 'WITHDRAWN')
          order by 1`,
  },
];
