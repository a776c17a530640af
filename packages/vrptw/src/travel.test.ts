import { describe, expect, it } from 'vitest';
import { parseSolomon } from './solomon';
import { euclideanTravel, haversineTravel, matrixTravel } from './travel';

describe('travel models', () => {
  it('haversine: one degree of latitude is about 111.2 km, times the detour, at the given speed', () => {
    const travel = haversineTravel(
      [
        { lat: 22, lon: 114 },
        { lat: 23, lon: 114 },
      ],
      { detourFactor: 1.5, metersPerSecond: 10 },
    );
    expect(travel.distance(0, 1)).toBeCloseTo(111_195 * 1.5, -2);
    expect(travel.duration(1, 0)).toBeCloseTo(travel.distance(0, 1) / 10, 6);
    expect(travel.distance(1, 1)).toBe(0);
  });

  it('euclidean: distance equals time, in double precision', () => {
    const travel = euclideanTravel([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
    expect(travel.distance(0, 1)).toBe(Math.SQRT2);
    expect(travel.duration(0, 1)).toBe(Math.SQRT2);
  });

  it('matrix: reads row-major and rejects a matrix of the wrong size', () => {
    const travel = matrixTravel(2, [0, 5, 7, 0], [0, 50, 70, 0]);
    expect([travel.distance(1, 0), travel.duration(0, 1)]).toEqual([7, 50]);
    expect(() => matrixTravel(3, [0, 1, 1, 0])).toThrow(RangeError);
  });
});

describe('parseSolomon', () => {
  it('reads the fleet, the depot window and the customers', () => {
    const instance = parseSolomon('T1\n\n2 50\n0 0 0 0 0 100 0\n7 3 4 10 5 20 2\n');
    expect(instance.name).toBe('T1');
    expect(instance.vehicles).toHaveLength(2);
    expect(instance.vehicles[0]).toMatchObject({ start: 0, end: 0, shift: [0, 100], capacity: 50 });
    expect(instance.visits).toEqual([{ id: '7', location: 1, service: 2, demand: 10, windows: [[5, 20]] }]);
    expect(instance.travel.distance(0, 1)).toBe(5);
  });

  it('rejects text that is not an instance', () => {
    expect(() => parseSolomon('hello')).toThrow(SyntaxError);
    expect(() => parseSolomon('X\n1 10\n0 0 0 0 0 1\n1 1 1 1 1 1 1')).toThrow(SyntaxError);
  });
});
