import type { TravelPort } from './model';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Solomon convention: distance = travel time = Euclidean distance in double precision. */
export function euclideanTravel(points: readonly Point[]): TravelPort {
  const size = points.length;
  const table = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const a = points[i]!;
      const b = points[j]!;
      table[i * size + j] = Math.hypot(a.x - b.x, a.y - b.y);
    }
  }
  return matrixTravel(size, table, table);
}

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

export interface HaversineOptions {
  /** Road distance over great-circle distance; 1.3 is a common urban figure. */
  readonly detourFactor?: number;
  readonly metersPerSecond?: number;
}

const EARTH_RADIUS_METERS = 6_371_008.8;

function haversineMeters(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Default travel model: distance in metres, duration in seconds. */
export function haversineTravel(points: readonly LatLon[], options: HaversineOptions = {}): TravelPort {
  const detour = options.detourFactor ?? 1.3;
  // 25 km/h: a city mix of driving, parking and walking to the door.
  const speed = options.metersPerSecond ?? 25 / 3.6;
  const size = points.length;
  const distance = new Float64Array(size * size);
  const duration = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const meters = haversineMeters(points[i]!, points[j]!) * detour;
      distance[i * size + j] = meters;
      duration[i * size + j] = meters / speed;
    }
  }
  return matrixTravel(size, distance, duration);
}

/** A precomputed row-major matrix (from a routing engine, say); `duration` defaults to `distance`. */
export function matrixTravel(
  size: number,
  distance: ArrayLike<number>,
  duration: ArrayLike<number> = distance,
): TravelPort {
  if (distance.length !== size * size || duration.length !== size * size) {
    throw new RangeError(`travel matrices must have ${size * size} entries`);
  }
  return {
    size,
    distance: (from, to) => distance[from * size + to]!,
    duration: (from, to) => duration[from * size + to]!,
  };
}
