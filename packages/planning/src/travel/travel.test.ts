import { describe, expect, it } from 'vitest';
import { haversineTable, haversineTravelTimes } from './haversine';
import { tableTravel } from './lookup';

const futian = { lat: 22.54, lon: 114.06, regionId: 'reg_futian' };
const luohu = { lat: 22.55, lon: 114.13, regionId: 'reg_luohu' };
const elsewhere = { lat: 22.6, lon: 114.0 };

describe('haversineTable', () => {
  const profiles = {
    default: { speedKmh: 20, detourFactor: 1.4 },
    regions: { reg_luohu: { speedKmh: 10, detourFactor: 1.8 } },
  };

  it('uses the profile of each end for half the trip, the same both ways', () => {
    const { meters, seconds } = haversineTable([futian, luohu], profiles);
    const straight = meters[1]! / 1.6;
    expect(meters[1]).toBeCloseTo(meters[2]!, 6);
    expect(seconds[1]).toBeCloseTo(seconds[2]!, 6);
    // Half at 1.4 / 20 km/h, half at 1.8 / 10 km/h.
    expect(seconds[1]).toBeCloseTo((straight / 2) * ((1.4 * 3.6) / 20 + (1.8 * 3.6) / 10), 6);
    expect(meters[0]).toBe(0);
  });

  it('is the default profile alone where no region is known', async () => {
    const table = await haversineTravelTimes(profiles).table([futian, elsewhere]);
    const straight = table.meters[1]! / 1.4;
    expect(table.seconds[1]).toBeCloseTo((straight * 1.4 * 3.6) / 20, 6);
  });
});

describe('tableTravel', () => {
  const table = {
    points: [futian, luohu, elsewhere],
    meters: [0, 1, 2, 3, 0, 5, 6, 7, 0],
    seconds: [0, 10, 20, 30, 0, 50, 60, 70, 0],
  };

  it('reads the places the solver asks about, in its order', () => {
    const port = tableTravel(table)([elsewhere, futian]);
    expect([port.distance(0, 1), port.duration(0, 1), port.distance(1, 0), port.duration(1, 0)]).toEqual([
      6, 60, 2, 20,
    ]);
  });

  it('refuses a place it was not given and a table of the wrong size', () => {
    expect(() => tableTravel(table)([{ lat: 1, lon: 1 }])).toThrow('no place at 1,1');
    expect(() => tableTravel({ ...table, seconds: [0] })).toThrow(RangeError);
  });
});
