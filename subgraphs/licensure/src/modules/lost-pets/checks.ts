import type { RuleCheck } from '@psa/events';

/**
 * The lost-report rule (see followCoreStatus) as reconcile checks it, on licensure's database. Copies stand for
 * core here: reconcile compares their versions with core's first, so on current copies these say what core says.
 * Each returns the ids of the pets that break it.
 */
export const lostReportChecks: RuleCheck[] = [
  {
    name: 'a lost report that follows core is open only while core says the pet is LOST',
    sql: `select distinct r.pet_id::text as id
          from licensure.lost_pet_reports r
          left join licensure.pet_copies p on p.id = r.pet_id
          where r.status in ('LOST', 'SIGHTING_REPORTED') and r.follows_core_status
            and (p.id is null or p.deleted or p.status is distinct from 'LOST')
          order by 1`,
  },
  {
    name: 'a pet core says is LOST has exactly one open lost report',
    sql: `select p.id::text as id
          from licensure.pet_copies p
          left join licensure.lost_pet_reports r on r.pet_id = p.id and r.status in ('LOST', 'SIGHTING_REPORTED')
          where p.status = 'LOST' and not p.deleted
          group by p.id
          having count(r.id) <> 1
          order by 1`,
  },
];
