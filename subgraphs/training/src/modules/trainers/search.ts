import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { badInput, forbidden, geoPoint, optionalText, withinRadius, type GeoPoint } from '@psa/subgraph-kit';
import type { Viewer } from '@psa/subgraph-kit';
import { bookings } from '../bookings/tables';
import { locations, trainerAvailability, trainers, trainerServices, type TrainerRow } from './tables';
import { priceCents, rating, sessionMinutes } from './rules';
import { savedPlaceOf } from './store';

export const MAX_RADIUS_KM = 200;
export const DEFAULT_RADIUS_KM = 25;
export const MAX_RESULTS = 100;

export interface TrainerSearch {
  near?: GeoPoint | null;
  nearMyLocation?: boolean | null;
  radiusKm?: number | null;
  service?: string | null;
  maxPriceCents?: number | null;
  minRating?: number | null;
  freeAt?: { start: Date; durationMinutes: number } | null;
  includeUnverified?: boolean | null;
}

/** The search with its inputs checked and the viewer's saved place looked up: what the statement is built from. */
export interface CheckedSearch {
  centre: GeoPoint;
  radiusKm: number;
  service: string | null;
  maxPriceCents: number | null;
  minRating: number | null;
  freeAt: { start: Date; end: Date } | null;
  includeUnverified: boolean;
  limit: number;
}

// Qualified by hand: inside the subqueries drizzle would write the column unqualified, and "id" would be theirs.
const trainer = (column: string) => sql.raw(`"training"."trainers"."${column}"`);

/** ILIKE's wildcards in the client's text match themselves. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Checks the inputs, and finds the viewer's place for nearMyLocation. */
export async function checkSearch(db: Db, viewer: Viewer, search: TrainerSearch, limit: number): Promise<CheckedSearch> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RESULTS) throw badInput('first', `must be from 1 to ${MAX_RESULTS}, got ${limit}`);
  if (search.includeUnverified && !viewer.isAdmin) throw forbidden('only admins may search unverified trainers (search.includeUnverified)');
  const radiusKm = search.radiusKm ?? DEFAULT_RADIUS_KM;
  if (!Number.isFinite(radiusKm) || radiusKm <= 0 || radiusKm > MAX_RADIUS_KM)
    throw badInput('search.radiusKm', `must be greater than 0 and at most ${MAX_RADIUS_KM}, got ${radiusKm}`);
  let centre: GeoPoint;
  if (search.near && search.nearMyLocation) throw badInput('search.nearMyLocation', 'give search.near or search.nearMyLocation, not both');
  if (search.near) centre = geoPoint('search.near', search.near);
  else if (search.nearMyLocation) centre = await viewerPlace(db, viewer);
  else throw badInput('search.near', 'give a point to search around, or search.nearMyLocation: true');
  let freeAt: CheckedSearch['freeAt'] = null;
  if (search.freeAt) {
    const minutes = sessionMinutes('search.freeAt.durationMinutes', search.freeAt.durationMinutes);
    freeAt = { start: search.freeAt.start, end: new Date(search.freeAt.start.getTime() + minutes * 60_000) };
  }
  return {
    centre,
    radiusKm,
    service: optionalText('search.service', search.service, 120),
    maxPriceCents: search.maxPriceCents == null ? null : priceCents('search.maxPriceCents', search.maxPriceCents),
    minRating: search.minRating == null ? null : rating('search.minRating', search.minRating),
    freeAt,
    includeUnverified: search.includeUnverified ?? false,
    limit,
  };
}

/** The viewer's saved place, else their trainer base. */
async function viewerPlace(db: Db, viewer: Viewer): Promise<GeoPoint> {
  const subject = viewer.requireSubject();
  const saved = await savedPlaceOf(db, subject);
  if (saved) return saved;
  const [base] = await db
    .select({ latitude: locations.latitude, longitude: locations.longitude })
    .from(trainers)
    .innerJoin(locations, eq(locations.id, trainers.locationId))
    .where(eq(trainers.userId, subject));
  if (!base) throw badInput('search.nearMyLocation', 'you have no saved location: save one with saveMyLocation first');
  return base;
}

/** Has an active service matching the name and price filters (one service meets both when both are given). */
function offers(service: string | null, maxPriceCents: number | null): SQL {
  return sql`exists (select 1 from ${trainerServices} s where s.trainer_id = ${trainer('id')} and s.is_active
    ${service === null ? sql`` : sql`and s.name ilike ${`%${likeLiteral(service)}%`}`}
    ${maxPriceCents === null ? sql`` : sql`and s.price_cents <= ${maxPriceCents}`})`;
}

/**
 * Free for [start, end): the interval lies inside one of the trainer's weekly windows on the trainer's local clock
 * (date + window time, so a window ending 24:00 reaches midnight), and no accepted booking of the trainer overlaps it.
 */
function freeDuring(start: Date, end: Date): SQL {
  const localStart = sql`(${start.toISOString()}::timestamptz at time zone ${trainer('timezone')})`;
  const localEnd = sql`(${end.toISOString()}::timestamptz at time zone ${trainer('timezone')})`;
  return sql`exists (select 1 from ${trainerAvailability} a where a.trainer_id = ${trainer('id')}
      and a.day_of_week = extract(dow from ${localStart})
      and ${localStart}::date + a.start_time <= ${localStart} and ${localEnd} <= ${localStart}::date + a.end_time)
    and not exists (select 1 from ${bookings} b where b.trainer_id = ${trainer('id')} and b.status = 'ACCEPTED'
      and b.start_time < ${end.toISOString()}::timestamptz and b.end_time > ${start.toISOString()}::timestamptz)`;
}

/** The search's one statement, unexecuted: what searchTrainers runs, and what the benchmark EXPLAINs. */
export function trainerSearchQuery(db: Db, search: CheckedSearch) {
  // On locations_geo_idx: the box first, the exact distance after.
  const circle = withinRadius(search.centre, search.radiusKm, locations);
  const conditions: SQL[] = [circle.where];
  if (!search.includeUnverified) conditions.push(eq(trainers.isVerified, true));
  if (search.service !== null || search.maxPriceCents !== null) conditions.push(offers(search.service, search.maxPriceCents));
  if (search.minRating !== null) conditions.push(sql`${trainers.averageRating} >= ${search.minRating}::float8`);
  if (search.freeAt) conditions.push(freeDuring(search.freeAt.start, search.freeAt.end));
  return db
    .select({ trainer: trainers, distanceKm: circle.distanceKm })
    .from(trainers)
    .innerJoin(locations, eq(locations.id, trainers.locationId))
    .where(and(...conditions))
    .orderBy(asc(circle.distanceKm), asc(trainers.id))
    .limit(search.limit);
}

/** Trainers matching every filter given, nearest first. */
export async function searchTrainers(db: Db, viewer: Viewer, search: TrainerSearch, limit: number): Promise<{ trainer: TrainerRow; distanceKm: number }[]> {
  const rows = await trainerSearchQuery(db, await checkSearch(db, viewer, search, limit));
  return rows.map((r) => ({ trainer: r.trainer, distanceKm: Math.round(r.distanceKm * 1000) / 1000 }));
}
