import { describe, expect, it } from 'vitest';
import { greatCircleMeters } from './distance';

describe('greatCircleMeters', () => {
  it.each([
    ['the same point', { lat: 22.54, lon: 114.05 }, { lat: 22.54, lon: 114.05 }, 0, 0],
    ['0.005° of latitude', { lat: 22.54, lon: 114.05 }, { lat: 22.545, lon: 114.05 }, 556, 1],
    ['Shenzhen to (0, 0)', { lat: 22.54, lon: 114.05 }, { lat: 0, lon: 0 }, 12_466_000, 1_000],
    ['antipodes', { lat: 0, lon: 0 }, { lat: 0, lon: 180 }, Math.PI * 6_371_000, 1],
  ])('%s', (_name, a, b, meters, tolerance) => {
    expect(Math.abs(greatCircleMeters(a, b) - meters)).toBeLessThanOrEqual(tolerance);
  });
});
