import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { badInput } from './errors';

/**
 * Radius search over a table of latitude/longitude columns with a b-tree index on (latitude, longitude): a bounding
 * box the index can read first, then the exact great-circle distance on the rows inside it.
 */

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LATITUDE = 111.32;

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** The columns holding a row's coordinates, in degrees. */
export interface GeoColumns {
  latitude: AnyColumn | SQL;
  longitude: AnyColumn | SQL;
}

export function latitude(field: string, value: number): number {
  if (!Number.isFinite(value) || value < -90 || value > 90) throw badInput(field, `must be between -90 and 90, got ${value}`);
  return value;
}

export function longitude(field: string, value: number): number {
  if (!Number.isFinite(value) || value < -180 || value > 180) throw badInput(field, `must be between -180 and 180, got ${value}`);
  return value;
}

/** A point whose coordinates are checked, errors naming `${field}.latitude` and `${field}.longitude`. */
export function geoPoint(field: string, point: GeoPoint): GeoPoint {
  return { latitude: latitude(`${field}.latitude`, point.latitude), longitude: longitude(`${field}.longitude`, point.longitude) };
}

/** Great-circle distance in km from `from` to the row's coordinates (haversine). */
export function haversineKm(from: GeoPoint, columns: GeoColumns): SQL<number> {
  // Parameters are typed: an untyped one beside an integer literal would be read as an integer.
  const [la, ln] = [sql`${from.latitude}::float8`, sql`${from.longitude}::float8`];
  return sql<number>`(2 * ${sql.raw(String(EARTH_RADIUS_KM))} * asin(sqrt(power(sin(radians(${columns.latitude} - ${la}) / 2), 2)
    + cos(radians(${la})) * cos(radians(${columns.latitude})) * power(sin(radians(${columns.longitude} - ${ln}) / 2), 2))))::float8`;
}

/**
 * A box around the circle of `radiusKm` about `centre`: on a (latitude, longitude) index it reads only the latitude
 * band, and longitude is checked in the index too, so a radius search never reads the whole table. Near the poles or
 * across the date line the box keeps only its latitude band.
 */
export function boundingBox(centre: GeoPoint, radiusKm: number, columns: GeoColumns): SQL {
  const { latitude: lat, longitude: lng } = centre;
  const dLat = radiusKm / KM_PER_DEGREE_LATITUDE;
  const band = sql`${columns.latitude} between ${lat - dLat} and ${lat + dLat}`;
  const cosLat = Math.cos((lat * Math.PI) / 180);
  if (cosLat < 0.01) return band;
  const dLng = radiusKm / (KM_PER_DEGREE_LATITUDE * cosLat);
  if (lng - dLng < -180 || lng + dLng > 180) return band;
  return sql`${band} and ${columns.longitude} between ${lng - dLng} and ${lng + dLng}`;
}

/** Rows within `radiusKm` of `centre`: the box for the index, the exact distance for the circle. */
export function withinRadius(centre: GeoPoint, radiusKm: number, columns: GeoColumns): { where: SQL; distanceKm: SQL<number> } {
  const distanceKm = haversineKm(centre, columns);
  return { where: sql`${boundingBox(centre, radiusKm, columns)} and ${distanceKm} <= ${radiusKm}::float8`, distanceKm };
}
