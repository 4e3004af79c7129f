/**
 * Finding care at scale: CLINICS clinics spread over the continental US (with hours, services and emergency flags),
 * searched through the gateway at varied points by many users. Shows with EXPLAIN (ANALYZE) that a radius search
 * reads only the clinics of its latitude/longitude box on idx_clinics_geo, and a text search only its matches on
 * idx_clinics_search, then times searches as a client does: HTTP through the gateway to healthcare and back.
 * The gateway and the subgraphs run in this one process: CPU per request is theirs together.
 */
import { core } from '@psa/core';
import { healthcare } from '@psa/healthcare';
import { clinicSearchQuery, type ClinicSearch } from '@psa/healthcare/src/modules/clinics/search';
import { startTestStack, type TestStack } from '@psa/testing';
import { log, percentile, round, saveSection } from './results';
import { metro, random } from './scatter';

const CLINICS = Number(process.env.BENCH_GEO_CLINICS ?? 100_000);
const SEARCHES = Number(process.env.BENCH_GEO_SEARCHES ?? 400);
const CONCURRENCY = 8;
const USERS = 40;

async function seed(stack: TestStack): Promise<void> {
  const sql = stack.subgraphs.healthcare!.sql;
  const started = performance.now();
  // Clinics: 70 % around 40 metro centres (as clinics are), 30 % anywhere in the box of the lower 48 states.
  await sql.query(
    `insert into healthcare.clinics (name, slug, description, phone, address_line1, city, state, postal_code, latitude, longitude, timezone,
       accepts_emergency, home_visit_enabled, home_visit_radius_km)
     select (array['Cedar', 'Harbour', 'Maple', 'Juniper', 'Summit', 'Riverside', 'Oakwood', 'Lakeside', 'Meadow', 'Pinecrest'])[1 + i % 10]
         || ' ' || (array['Animal Hospital', 'Vet Clinic', 'Pet Care', 'Veterinary Centre'])[1 + (i / 10) % 4] || ' ' || i, 'bench-clinic-' || i,
       (array['Small animal practice', 'Feline medicine and dentistry', 'Exotic pets and birds', 'Emergency and critical care', 'Mobile vet and home visits'])[1 + i % 5],
       '5550100', i || ' Main St', 'City ' || (i % 40), 'ST', lpad((i % 99999)::text, 5, '0'),
       case when in_metro then 30 + k * 0.45 + (random() - 0.5) * 0.6 else 25 + random() * 24 end,
       case when in_metro then -122 + k * 1.2 + (random() - 0.5) * 0.8 else -124 + random() * 57 end,
       'America/Chicago', i % 10 = 3, i % 5 = 4, case when i % 5 = 4 then 15 end
     -- The metro area and the attributes are drawn independently of one another (hashes of i, not i's residues).
     from (select i, (hashint4(i)::bigint & 2147483647) % 40 as k, (hashint4(i + 7919)::bigint & 2147483647) % 10 < 7 as in_metro from generate_series(1, $1) i) s`,
    [CLINICS],
  );
  await sql.query(
    `insert into healthcare.clinic_hours (clinic_id, day_of_week, open_time, close_time)
     select c.id, d, '08:00', '18:00' from healthcare.clinics c, generate_series(1, 6) d`,
  );
  await sql.query(
    `insert into healthcare.clinic_services (clinic_id, service_id, duration_min, price_cents, accepted_species)
     select c.id, s, 30, 5000, case when s = 4 then array['CAT'] end from healthcare.clinics c, generate_series(1, 4) s where (hashtext(c.id::text) + s) % 3 <> 0`,
  );
  await sql.query(
    `insert into healthcare.emergency_flags (clinic_id, flag_type, created_by)
     select id, 'ACCEPTING_EMERGENCY', 'bench' from healthcare.clinics where accepts_emergency`,
  );
  await sql.query('analyze healthcare.clinics; analyze healthcare.clinic_hours; analyze healthcare.clinic_services; analyze healthcare.emergency_flags');
  log(`seeded ${CLINICS} clinics with hours, services and flags in ${round((performance.now() - started) / 1000, 1)} s`);
}

interface Plan {
  what: string;
  executionMs: number;
  indexes: string[];
  /** Pages the statement touched (shared buffers hit or read), beside the pages of the clinics table alone. */
  pages: number;
  results: number;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the search's statement: the indexes it used and the pages it touched. */
async function explain(stack: TestStack, what: string, search: ClinicSearch): Promise<Plan> {
  const query = clinicSearchQuery(stack.subgraphs.healthcare!.database.db, search, 20).toSQL();
  const { rows } = await stack.subgraphs.healthcare!.sql.query(`explain (analyze, buffers, format json) ${query.sql}`, query.params);
  const root = rows[0]['QUERY PLAN'][0];
  const indexes = new Set<string>();
  const walk = (node: Record<string, unknown>) => {
    if (node['Index Name']) indexes.add(String(node['Index Name']));
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(root.Plan);
  return {
    what,
    executionMs: round(root['Execution Time'], 2),
    indexes: [...indexes].sort(),
    pages: Number(root.Plan['Shared Hit Blocks'] ?? 0) + Number(root.Plan['Shared Read Blocks'] ?? 0),
    results: Number(root.Plan['Actual Rows']),
  };
}

export async function benchGeo(): Promise<void> {
  const stack = await startTestStack([core, healthcare], { workers: false });
  try {
    await seed(stack);
    const plans = [
      await explain(stack, 'radius 10 km, nearest first', { near: metro(9), radiusKm: 10 }),
      await explain(stack, 'radius 25 km, open now, dental cleaning for a cat', {
        near: metro(21),
        radiusKm: 25,
        openNow: true,
        service: 'dental-cleaning',
        species: 'CAT',
      }),
      await explain(stack, 'radius 50 km, accepting emergencies now', { near: metro(30), radiusKm: 50, acceptingEmergencyNow: true }),
      await explain(stack, 'radius 25 km and full text "cedar"', { near: metro(12), radiusKm: 25, text: 'cedar' }),
      await explain(stack, 'full text, a clinic by its name "Cedar Animal Hospital 4000"', { text: 'cedar animal hospital 4000' }),
      await explain(stack, 'full text, a common word "hospital" (a quarter of all clinics)', { text: 'hospital' }),
    ];
    const { rows: size } = await stack.subgraphs.healthcare!.sql.query(
      `select relpages::int as pages from pg_class where oid = 'healthcare.clinics'::regclass`,
    );
    const tablePages = size[0].pages as number;
    for (const p of plans)
      log(
        `${p.what}: ${p.executionMs} ms, ${p.results} answers, ${p.pages} pages touched (the clinics table alone is ${tablePages}), indexes ${p.indexes.join(', ')}`,
      );

    const tokens = await Promise.all(Array.from({ length: USERS }, (_, i) => stack.token(`geo-user-${i}`)));
    const next = random(42);
    const searches = Array.from({ length: SEARCHES }, (_, i) => {
      const centre = metro(Math.floor(next() * 40));
      const near = { latitude: centre.latitude + (next() - 0.5) * 0.6, longitude: centre.longitude + (next() - 0.5) * 0.8 };
      const filters = [{}, { openNow: true }, { service: 'vaccination', species: 'DOG' }, { acceptingEmergencyNow: true }][i % 4];
      return { token: tokens[i % USERS]!, search: { near, radiusKm: [5, 10, 25][i % 3], ...filters } };
    });
    const QUERY = `query($s: ClinicSearchInput!) { clinics(search: $s, limit: 20) { distanceKm clinic { id name openNow acceptingEmergencyNow } } }`;
    // Warm-up: plans cached, connections open.
    for (const s of searches.slice(0, 20)) await stack.query(QUERY, { s: s.search }, s.token);
    const latencies: number[] = [];
    let found = 0;
    const queue = [...searches];
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          const t = performance.now();
          const res = await stack.query(QUERY, { s: s.search }, s.token);
          latencies.push(performance.now() - t);
          if (res.errors) throw new Error(JSON.stringify(res.errors));
          found += res.data.clinics.length;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const figures = {
      clinics: CLINICS,
      searches: SEARCHES,
      concurrency: CONCURRENCY,
      medianMs: round(percentile(latencies, 50), 1),
      p95Ms: round(percentile(latencies, 95), 1),
      requestsPerSecond: round(SEARCHES / seconds),
      cpuMsPerRequest: round((used.user + used.system) / 1000 / SEARCHES, 2),
      meanResults: round(found / SEARCHES, 1),
      plans,
      tablePages,
    };
    log(
      `through the gateway: median ${figures.medianMs} ms, p95 ${figures.p95Ms} ms, ${figures.requestsPerSecond} searches/s, ${figures.cpuMsPerRequest} ms CPU per search`,
    );
    saveSection('geo', {
      figures,
      table: {
        title: `Finding care among ${CLINICS} clinics: ${SEARCHES} searches through the gateway, ${USERS} users, ${CONCURRENCY} at a time`,
        columns: ['median ms', 'p95 ms', 'searches/s', 'CPU ms per search (gateway + subgraphs)', 'clinics per answer'],
        rows: [[figures.medianMs, figures.p95Ms, figures.requestsPerSecond, figures.cpuMsPerRequest, figures.meanResults]],
      },
      more: [
        {
          title: 'EXPLAIN (ANALYZE) of the search statement',
          columns: ['search', 'execution ms', `pages touched (clinics table: ${tablePages})`, 'answers', 'indexes used'],
          rows: plans.map((p) => [p.what, p.executionMs, p.pages, p.results, p.indexes.join(', ')]),
        },
      ],
    });
  } finally {
    await stack.close();
  }
}
