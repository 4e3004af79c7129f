/**
 * Finding a trainer at scale: TRAINERS verified trainers spread over the continental US, each with services and a
 * weekly availability. Shows with EXPLAIN (ANALYZE) that a radius search reads its box of locations_geo_idx (not the
 * whole table), then times varied searches twice: the subgraph's statement alone, and HTTP through the gateway.
 * The gateway and the subgraphs run in this one process: CPU per request is theirs together.
 */
import { core } from '@psa/core';
import { training } from '@psa/training';
import { trainerSearchQuery, type CheckedSearch } from '@psa/training/src/modules/trainers/search';
import { startTestStack, type TestStack } from '@psa/testing';
import { log, percentile, round, saveSection } from './results';
import { metro, random } from './scatter';

const TRAINERS = Number(process.env.BENCH_TRAINERS ?? 10_000);
const SEARCHES = Number(process.env.BENCH_TRAINER_SEARCHES ?? 400);
const CONCURRENCY = 8;
const USERS = 40;

/** Next Tuesday at 15:00 UTC: inside most trainers' windows. */
function nextTuesdayAfternoon(): Date {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((9 - d.getUTCDay()) % 7 || 7));
  d.setUTCHours(15, 0, 0, 0);
  return d;
}

async function seed(stack: TestStack): Promise<void> {
  const sql = stack.subgraphs.training!.sql;
  const started = performance.now();
  // 70 % around 40 metro centres, 30 % anywhere in the box of the lower 48 states; the metro and the attributes are
  // drawn independently (hashes of i, not its residues).
  await sql.query(
    `with s as (select i, (hashint4(i)::bigint & 2147483647) % 40 as k, (hashint4(i + 7919)::bigint & 2147483647) % 10 < 7 as in_metro
                from generate_series(1, $1) i),
     l as (insert into training.locations (user_id, address, city, state, zip_code, latitude, longitude)
           select 'bench-trainer-' || i, i || ' Main St', 'City ' || k, 'ST', lpad((i % 99999)::text, 5, '0'),
             case when in_metro then 30 + k * 0.45 + (random() - 0.5) * 0.6 else 25 + random() * 24 end,
             case when in_metro then -122 + k * 1.2 + (random() - 0.5) * 0.8 else -124 + random() * 57 end
           from s returning id, user_id)
     insert into training.trainers (user_id, display_name, years_of_experience, is_verified, average_rating, total_reviews, location_id, timezone)
     select l.user_id, 'Trainer ' || l.user_id, 1 + hashtext(l.user_id) & 15, (hashtext(l.user_id) & 7) <> 0,
       round(((hashtext(l.user_id || 'r') & 1023) / 1023.0 * 5)::numeric, 1), 10, l.id, 'America/Chicago' from l`,
    [TRAINERS],
  );
  await sql.query(
    `insert into training.trainer_services (trainer_id, name, duration_minutes, price_cents, is_active)
     select t.id, (array['Puppy basics', 'Leash manners', 'Reactive dog rehab', 'Agility', 'Recall training'])[n],
       30 + 15 * n, 2000 + (hashtext(t.id::text || n) & 8191), (hashtext(t.id::text) + n) % 5 <> 0
     from training.trainers t, generate_series(1, 5) n where (hashtext(t.id::text) + n) % 3 <> 0`,
  );
  await sql.query(
    `insert into training.trainer_availability (trainer_id, day_of_week, start_time, end_time)
     select t.id, d, '08:00', case when hashtext(t.id::text) % 2 = 0 then '12:00' else '18:00' end::time
     from training.trainers t, generate_series(1, 5) d`,
  );
  await sql.query(
    `insert into training.bookings (trainer_id, owner_id, dog_id, start_time, end_time, price_snapshot_cents, status)
     select t.id, gen_random_uuid(), gen_random_uuid(), $1::timestamptz, $1::timestamptz + interval '1 hour', 5000, 'ACCEPTED'
     from training.trainers t where hashtext(t.id::text) % 4 = 0`,
    [nextTuesdayAfternoon().toISOString()],
  );
  await sql.query(
    'analyze training.locations; analyze training.trainers; analyze training.trainer_services; analyze training.trainer_availability; analyze training.bookings',
  );
  log(`seeded ${TRAINERS} trainers with locations, services, availability and bookings in ${round((performance.now() - started) / 1000, 1)} s`);
}

interface Plan {
  what: string;
  executionMs: number;
  indexes: string[];
  seqScans: string[];
  results: number;
}

const checked = (search: Partial<CheckedSearch> & Pick<CheckedSearch, 'centre' | 'radiusKm'>): CheckedSearch => ({
  service: null,
  maxPriceCents: null,
  minRating: null,
  freeAt: null,
  includeUnverified: false,
  limit: 20,
  ...search,
});

/** EXPLAIN (ANALYZE) of the search's statement: the indexes it used and any table it read whole. */
async function explain(stack: TestStack, what: string, search: CheckedSearch): Promise<Plan> {
  const query = trainerSearchQuery(stack.subgraphs.training!.database.db, search).toSQL();
  const { rows } = await stack.subgraphs.training!.sql.query(`explain (analyze, format json) ${query.sql}`, query.params);
  const root = rows[0]['QUERY PLAN'][0];
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  const walk = (node: Record<string, unknown>) => {
    if (node['Index Name']) indexes.add(String(node['Index Name']));
    if (node['Node Type'] === 'Seq Scan') seqScans.add(String(node['Relation Name']));
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(root.Plan);
  return {
    what,
    executionMs: round(root['Execution Time'], 2),
    indexes: [...indexes].sort(),
    seqScans: [...seqScans].sort(),
    results: Number(root.Plan['Actual Rows']),
  };
}

export async function benchTrainerSearch(): Promise<void> {
  const stack = await startTestStack([core, training], { workers: false });
  try {
    await seed(stack);
    const tuesday = nextTuesdayAfternoon();
    const freeAt = { start: tuesday, end: new Date(tuesday.getTime() + 3600_000) };
    const plans = [
      await explain(stack, 'radius 10 km, nearest first', checked({ centre: metro(9), radiusKm: 10 })),
      await explain(stack, 'radius 25 km, "agility" at most $40', checked({ centre: metro(21), radiusKm: 25, service: 'agility', maxPriceCents: 4000 })),
      await explain(stack, 'radius 50 km, rated 4+, free Tuesday 15:00 for 1 h', checked({ centre: metro(30), radiusKm: 50, minRating: 4, freeAt })),
      await explain(
        stack,
        'radius 200 km, every filter',
        checked({ centre: metro(12), radiusKm: 200, service: 'puppy', maxPriceCents: 6000, minRating: 3, freeAt }),
      ),
    ];
    for (const p of plans)
      log(`${p.what}: ${p.executionMs} ms, ${p.results} answers, indexes ${p.indexes.join(', ')}; seq scans: ${p.seqScans.join(', ') || 'none'}`);

    const next = random(42);
    const searches = Array.from({ length: SEARCHES }, (_, i) => {
      const centre = metro(Math.floor(next() * 40));
      const near = { latitude: centre.latitude + (next() - 0.5) * 0.6, longitude: centre.longitude + (next() - 0.5) * 0.8 };
      const filters = [{}, { service: 'leash' }, { maxPriceCents: 5000, minRating: 3.5 }, { freeAt: { start: tuesday, durationMinutes: 60 } }][i % 4]!;
      return { near, radiusKm: [10, 25, 50][i % 3]!, ...filters };
    });

    // The subgraph's statement alone, one at a time.
    const db = stack.subgraphs.training!.database.db;
    const toChecked = (s: (typeof searches)[number]) =>
      checked({
        centre: s.near,
        radiusKm: s.radiusKm,
        service: 'service' in s ? s.service : null,
        maxPriceCents: 'maxPriceCents' in s ? s.maxPriceCents : null,
        minRating: 'minRating' in s ? s.minRating : null,
        freeAt: 'freeAt' in s && s.freeAt ? { start: s.freeAt.start, end: new Date(s.freeAt.start.getTime() + 3600_000) } : null,
      });
    for (const s of searches.slice(0, 20)) await trainerSearchQuery(db, toChecked(s));
    const sqlLatencies: number[] = [];
    for (const s of searches) {
      const t = performance.now();
      await trainerSearchQuery(db, toChecked(s));
      sqlLatencies.push(performance.now() - t);
    }
    sqlLatencies.sort((a, b) => a - b);

    const tokens = await Promise.all(Array.from({ length: USERS }, (_, i) => stack.token(`trainer-search-user-${i}`)));
    const QUERY = `query($s: TrainerSearchInput!) { trainers(search: $s, first: 20) { distanceKm trainer { id displayName averageRating } } }`;
    const variables = searches.map((s, i) => ({
      token: tokens[i % USERS]!,
      s: 'freeAt' in s && s.freeAt ? { ...s, freeAt: { ...s.freeAt, start: s.freeAt.start.toISOString() } } : s,
    }));
    for (const v of variables.slice(0, 20)) await stack.query(QUERY, { s: v.s }, v.token);
    const latencies: number[] = [];
    let found = 0;
    const queue = [...variables];
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let v = queue.shift(); v; v = queue.shift()) {
          const t = performance.now();
          const res = await stack.query(QUERY, { s: v.s }, v.token);
          latencies.push(performance.now() - t);
          if (res.errors) throw new Error(JSON.stringify(res.errors));
          found += res.data.trainers.length;
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const figures = {
      trainers: TRAINERS,
      searches: SEARCHES,
      concurrency: CONCURRENCY,
      sqlMedianMs: round(percentile(sqlLatencies, 50), 2),
      sqlP95Ms: round(percentile(sqlLatencies, 95), 2),
      medianMs: round(percentile(latencies, 50), 1),
      p95Ms: round(percentile(latencies, 95), 1),
      requestsPerSecond: round(SEARCHES / seconds),
      cpuMsPerRequest: round((used.user + used.system) / 1000 / SEARCHES, 2),
      meanResults: round(found / SEARCHES, 1),
      plans,
    };
    log(`the subgraph's statement alone: median ${figures.sqlMedianMs} ms, p95 ${figures.sqlP95Ms} ms`);
    log(
      `through the gateway: median ${figures.medianMs} ms, p95 ${figures.p95Ms} ms, ${figures.requestsPerSecond} searches/s, ${figures.cpuMsPerRequest} ms CPU per search`,
    );
    saveSection('trainers', {
      figures,
      table: {
        title: `Finding a trainer among ${TRAINERS}: ${SEARCHES} varied searches, in SQL one at a time, and through the gateway (${USERS} users, ${CONCURRENCY} at a time)`,
        columns: ['SQL median ms', 'SQL p95 ms', 'gateway median ms', 'gateway p95 ms', 'searches/s', 'CPU ms per search', 'trainers per answer'],
        rows: [
          [figures.sqlMedianMs, figures.sqlP95Ms, figures.medianMs, figures.p95Ms, figures.requestsPerSecond, figures.cpuMsPerRequest, figures.meanResults],
        ],
      },
      more: [
        {
          title: 'EXPLAIN (ANALYZE) of the search statement',
          columns: ['search', 'execution ms', 'answers', 'indexes used', 'seq scans'],
          rows: plans.map((p) => [p.what, p.executionMs, p.results, p.indexes.join(', '), p.seqScans.join(', ') || 'none']),
        },
      ],
    });
  } finally {
    await stack.close();
  }
}
