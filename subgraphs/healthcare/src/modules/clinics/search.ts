import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { badInput, geoPoint, optionalText, withinRadius } from '@psa/subgraph-kit';
import { clinicHours, clinics, clinicServices, emergencyFlags, services, type ClinicRow } from './tables';

export const MAX_RADIUS_KM = 500;
export const DEFAULT_RADIUS_KM = 25;
export const MAX_RESULTS = 100;

export interface ClinicSearch {
  near?: { latitude: number; longitude: number } | null;
  radiusKm?: number | null;
  text?: string | null;
  service?: string | null;
  species?: string | null;
  openNow?: boolean | null;
  acceptingEmergencyNow?: boolean | null;
  homeVisit?: boolean | null;
}

// Qualified by hand: in a select list drizzle writes a column unqualified, and "id" inside these subqueries would
// then be the subquery's own.
const clinic = (column: string) => sql.raw(`"healthcare"."clinics"."${column}"`);

/** The clinic's local wall clock, now, from its own IANA timezone. */
const localNow = sql`(now() at time zone ${clinic('timezone')})`;

/** Open at this moment: today's hours (by the clinic's calendar) hold the clinic's local time. */
export const openNowSql = sql<boolean>`exists (select 1 from ${clinicHours} h where h.clinic_id = ${clinic('id')} and not h.is_closed
  and h.day_of_week = extract(dow from ${localNow}) and ${localNow}::time >= h.open_time and ${localNow}::time < h.close_time)`;

/** Accepting emergencies now: the clinic takes them, and its flag in force says so (flags expire by their own clock). */
export const acceptingEmergencyNowSql = sql<boolean>`(${clinic('accepts_emergency')} and exists (select 1 from ${emergencyFlags} f
  where f.clinic_id = ${clinic('id')} and f.is_active and f.flag_type = 'ACCEPTING_EMERGENCY' and f.started_at <= now()
  and (f.expires_at is null or f.expires_at > now())))`;

function offers(serviceSlug: string | null, species: string | null): SQL {
  return sql`exists (select 1 from ${clinicServices} cs join ${services} s on s.id = cs.service_id
    where cs.clinic_id = ${clinic('id')} and cs.is_active and s.is_active
    ${serviceSlug === null ? sql`` : sql`and s.slug = ${serviceSlug}`}
    ${species === null ? sql`` : sql`and (cs.accepted_species is null or ${species} = any(cs.accepted_species))`})`;
}

/** Active clinics matching every filter given: nearest first (or best text match first without a point). */
export async function searchClinics(db: Db, search: ClinicSearch, limit: number): Promise<{ clinic: ClinicRow; distanceKm: number | null }[]> {
  const rows = await clinicSearchQuery(db, search, limit);
  return rows.map((r) => ({ clinic: r.clinic, distanceKm: r.distanceKm === null ? null : Math.round(r.distanceKm * 1000) / 1000 }));
}

/** The search's one statement, unexecuted: what searchClinics runs, and what the benchmark EXPLAINs. */
export function clinicSearchQuery(db: Db, search: ClinicSearch, limit: number) {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RESULTS) throw badInput('limit', `must be between 1 and ${MAX_RESULTS}, got ${limit}`);
  const text = optionalText('search.text', search.text, 200);
  if (!search.near && text === null) throw badInput('search.near', 'give a point to search around, or search.text');
  if (search.homeVisit && !search.near) throw badInput('search.homeVisit', "needs search.near: the owner's address the visit must reach");
  const conditions: SQL[] = [eq(clinics.isActive, true)];
  let distance: SQL<number> | null = null;
  if (search.near) {
    const centre = geoPoint('search.near', search.near);
    const radius = search.radiusKm ?? DEFAULT_RADIUS_KM;
    if (!Number.isFinite(radius) || radius <= 0 || radius > MAX_RADIUS_KM)
      throw badInput('search.radiusKm', `must be greater than 0 and at most ${MAX_RADIUS_KM}, got ${radius}`);
    // On idx_clinics_geo: the box first, the exact distance after.
    const circle = withinRadius(centre, radius, clinics);
    distance = circle.distanceKm;
    conditions.push(circle.where);
    if (search.homeVisit) conditions.push(sql`${clinics.homeVisitEnabled} and ${distance} <= ${clinics.homeVisitRadiusKm}`);
  }
  const query = text === null ? null : sql`websearch_to_tsquery('english', ${text})`;
  if (query) conditions.push(sql`${clinics.searchDocument} @@ ${query}`);
  const service = optionalText('search.service', search.service, 100);
  if (service !== null || search.species) conditions.push(offers(service, search.species ?? null));
  if (search.openNow) conditions.push(openNowSql);
  if (search.acceptingEmergencyNow) conditions.push(acceptingEmergencyNowSql);
  const order = distance ? [asc(distance)] : [desc(sql`ts_rank(${clinics.searchDocument}, ${query})`)];
  return db
    .select({ clinic: clinics, distanceKm: distance ?? sql<null>`null` })
    .from(clinics)
    .where(and(...conditions))
    .orderBy(...order, asc(clinics.id))
    .limit(limit);
}
