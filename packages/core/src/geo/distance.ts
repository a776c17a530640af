import type { GeoPoint } from '../contracts/planning';

/** Mean Earth radius; the error against the ellipsoid (under 0.5%) is far below a GPS fix's on a street. */
const EARTH_RADIUS_METERS = 6_371_000;

/**
 * Great-circle (haversine) distance in metres. Street distance is longer; callers that plan travel
 * apply their own detour factor.
 *
 * @example
 * greatCircleMeters({ lat: 22.54, lon: 114.05 }, { lat: 22.545, lon: 114.05 }); // ≈ 556
 */
export function greatCircleMeters(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  // Rounding can push `h` a hair above 1 for antipodal points, where asin would answer NaN.
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}
