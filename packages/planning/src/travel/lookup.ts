import type { GeoPoint, TravelTable } from '@doorstep/core';
import { matrixTravel, type TravelModel } from '@doorstep/vrptw';
import { placeKey } from './haversine';

/**
 * The solver's travel model read from a table the host measured: each place the solver asks about is
 * found in the table by its coordinates. A place the table lacks is the host's bug, so it throws (and
 * the plan fails with the plugin named) rather than guessing a distance.
 */
export function tableTravel(table: TravelTable): TravelModel {
  const n = table.points.length;
  if (table.meters.length !== n * n || table.seconds.length !== n * n) {
    throw new RangeError(`a travel table of ${n} places needs ${n * n} metres and seconds`);
  }
  const indexOf = new Map(table.points.map((point, i) => [placeKey(point), i]));
  return (points: readonly GeoPoint[]) => {
    const rows = points.map((point) => {
      const i = indexOf.get(placeKey(point));
      if (i === undefined) throw new RangeError(`the travel table has no place at ${placeKey(point)}`);
      return i;
    });
    const size = points.length;
    const meters = new Float64Array(size * size);
    const seconds = new Float64Array(size * size);
    rows.forEach((from, a) => {
      rows.forEach((to, b) => {
        meters[a * size + b] = table.meters[from * n + to]!;
        seconds[a * size + b] = table.seconds[from * n + to]!;
      });
    });
    return matrixTravel(size, meters, seconds);
  };
}
