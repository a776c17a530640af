import {
  type GeoPoint,
  greatCircleMeters,
  type TravelPoint,
  type TravelTable,
  type TravelTimes,
} from '@doorstep/core';

/** How fast one gets about in an area: the speed door to door, and street over straight-line distance. */
export interface TravelProfile {
  speedKmh: number;
  detourFactor: number;
}

/** A profile for the whole city, and others for regions where traffic or streets differ. */
export interface TravelProfiles {
  default: TravelProfile;
  regions?: Readonly<Record<string, TravelProfile>>;
}

const profileAt = (profiles: TravelProfiles, point: TravelPoint): TravelProfile =>
  (point.regionId == null ? undefined : profiles.regions?.[point.regionId]) ?? profiles.default;

/**
 * Straight-line travel with a speed and detour factor per region: a trip runs half in the region it
 * leaves, half in the one it reaches, so a trip and its return take the same time.
 *
 * @example
 * haversineTable(points, { default: { speedKmh: 20, detourFactor: 1.4 }, regions: { reg_luohu: { speedKmh: 12, detourFactor: 1.6 } } });
 */
export function haversineTable(points: readonly TravelPoint[], profiles: TravelProfiles): TravelTable {
  const size = points.length;
  const meters = new Array<number>(size * size);
  const seconds = new Array<number>(size * size);
  const at = points.map((point) => profileAt(profiles, point));
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const straight = greatCircleMeters(points[i]!, points[j]!);
      const [a, b] = [at[i]!, at[j]!];
      meters[i * size + j] = (straight * (a.detourFactor + b.detourFactor)) / 2;
      seconds[i * size + j] =
        (straight / 2) * ((a.detourFactor * 3.6) / a.speedKmh + (b.detourFactor * 3.6) / b.speedKmh);
    }
  }
  return { points: points.map(({ lat, lon }) => ({ lat, lon })), meters, seconds };
}

/** The default `TravelTimes`: no network, the same answer for the same places. */
export const haversineTravelTimes = (profiles: TravelProfiles): TravelTimes => ({
  source: 'haversine',
  table: async (points) => haversineTable(points, profiles),
});

export const placeKey = ({ lat, lon }: GeoPoint): string => `${lat},${lon}`;
