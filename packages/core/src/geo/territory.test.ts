import { describe, expect, it } from 'vitest';
import { insideArea, territoryCovers } from './territory';

// A square around Futian and an L-shaped area (a square with its north-east quarter cut away).
const square = [
  { lat: 22.5, lon: 114.0 },
  { lat: 22.5, lon: 114.1 },
  { lat: 22.6, lon: 114.1 },
  { lat: 22.6, lon: 114.0 },
];
const ell = [
  { lat: 0, lon: 0 },
  { lat: 0, lon: 2 },
  { lat: 1, lon: 2 },
  { lat: 1, lon: 1 },
  { lat: 2, lon: 1 },
  { lat: 2, lon: 0 },
];

describe('insideArea', () => {
  it.each([
    [{ lat: 22.54, lon: 114.05 }, square, true],
    [{ lat: 22.7, lon: 114.05 }, square, false],
    [{ lat: 22.54, lon: 113.99 }, square, false],
    [{ lat: 0.5, lon: 1.5 }, ell, true],
    [{ lat: 1.5, lon: 0.5 }, ell, true],
    [{ lat: 1.5, lon: 1.5 }, ell, false],
  ])('%o in the area: %s', (point, area, expected) => {
    expect(insideArea(point, area)).toBe(expected);
  });
});

describe('territoryCovers', () => {
  const place = { location: { lat: 22.54, lon: 114.05 }, regionId: 'reg_futian' };
  it.each([
    ['no territory', undefined, true],
    ['an empty territory', { regions: [], areas: [] }, true],
    ['its region', { regions: ['reg_futian'], areas: [] }, true],
    ['another region', { regions: ['reg_luohu'], areas: [] }, false],
    ['an area around it', { regions: ['reg_luohu'], areas: [square] }, true],
    ['an area elsewhere', { regions: [], areas: [ell] }, false],
  ])('%s', (_name, territory, expected) => {
    expect(territoryCovers(territory, place)).toBe(expected);
  });

  it('a customer without a region is covered only by an area', () => {
    expect(territoryCovers({ regions: ['reg_futian'], areas: [] }, { location: place.location })).toBe(false);
  });
});
