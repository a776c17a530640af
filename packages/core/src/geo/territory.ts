import type { GeoPoint, Territory } from '../contracts/planning';

/**
 * Whether a point lies inside an area (a polygon of corners in order, the last joined to the first), by
 * the even-odd rule on latitude and longitude: fine for a city district, where the Earth's curvature
 * moves an edge by centimetres.
 *
 * @example
 * insideArea({ lat: 22.54, lon: 114.05 }, [
 *   { lat: 22.5, lon: 114.0 }, { lat: 22.5, lon: 114.1 }, { lat: 22.6, lon: 114.1 }, { lat: 22.6, lon: 114.0 },
 * ]); // true
 */
export function insideArea(point: GeoPoint, area: readonly GeoPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = area.length - 1; i < area.length; j = i++) {
    const a = area[i]!;
    const b = area[j]!;
    const straddles = a.lat > point.lat !== b.lat > point.lat;
    if (straddles && point.lon < a.lon + ((point.lat - a.lat) * (b.lon - a.lon)) / (b.lat - a.lat)) {
      inside = !inside;
    }
  }
  return inside;
}

/** A territory with no region and no area restricts nothing. */
export const isUnrestricted = (territory: Territory | undefined): boolean =>
  territory === undefined || (territory.regions.length === 0 && territory.areas.length === 0);

/** Whether an agent with this territory may visit a customer at `location` in `regionId`. */
export function territoryCovers(
  territory: Territory | undefined,
  place: { location: GeoPoint; regionId?: string | null },
): boolean {
  if (territory === undefined || isUnrestricted(territory)) return true;
  if (place.regionId != null && territory.regions.includes(place.regionId)) return true;
  return territory.areas.some((area) => insideArea(place.location, area));
}
