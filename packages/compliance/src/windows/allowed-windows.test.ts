import { describe, expect, it } from 'vitest';
import { allowedWindows, type WindowsQuery } from './allowed-windows';

const w = (start: string, end: string) => ({ start: `${start}:00.000Z`, end: `${end}:00.000Z` });

const cases: Array<{ name: string; query: WindowsQuery; windows: ReturnType<typeof w>[] }> = [
  {
    name: 'Shanghai has no DST: 08:00–22:00 CST is 00:00–14:00 UTC every day',
    query: {
      interval: { start: '2026-03-07T16:00:00Z', end: '2026-03-09T16:00:00Z' },
      zone: 'Asia/Shanghai',
      hours: { allowed: { from: '08:00', to: '22:00' } },
    },
    windows: [w('2026-03-08T00:00', '2026-03-08T14:00'), w('2026-03-09T00:00', '2026-03-09T14:00')],
  },
  {
    name: 'a forbidden overnight span means the same as its allowed complement',
    query: {
      interval: { start: '2026-03-07T16:00:00Z', end: '2026-03-09T16:00:00Z' },
      zone: 'Asia/Shanghai',
      hours: { forbidden: { from: '22:00', to: '08:00' } },
    },
    windows: [w('2026-03-08T00:00', '2026-03-08T14:00'), w('2026-03-09T00:00', '2026-03-09T14:00')],
  },
  {
    name: 'New York spring-forward: 08:00 EST is 13:00 UTC, the next day 08:00 EDT is 12:00 UTC',
    query: {
      interval: { start: '2026-03-07T05:00:00Z', end: '2026-03-09T04:00:00Z' },
      zone: 'America/New_York',
      hours: { allowed: { from: '08:00', to: '21:00' } },
    },
    windows: [w('2026-03-07T13:00', '2026-03-08T02:00'), w('2026-03-08T12:00', '2026-03-09T01:00')],
  },
  {
    name: 'New York spring-forward gap: 02:30–03:30 only has its 03:00–03:30 EDT half',
    query: {
      interval: { start: '2026-03-08T05:00:00Z', end: '2026-03-09T04:00:00Z' },
      zone: 'America/New_York',
      hours: { allowed: { from: '02:30', to: '03:30' } },
    },
    windows: [w('2026-03-08T07:00', '2026-03-08T07:30')],
  },
  {
    name: 'New York fall-back: 01:30–02:00 happens twice, once in EDT and once in EST',
    query: {
      interval: { start: '2026-11-01T04:00:00Z', end: '2026-11-02T05:00:00Z' },
      zone: 'America/New_York',
      hours: { allowed: { from: '01:30', to: '02:00' } },
    },
    windows: [w('2026-11-01T05:30', '2026-11-01T06:00'), w('2026-11-01T06:30', '2026-11-01T07:00')],
  },
  {
    name: 'London spring-forward: 08:00–22:00 moves from GMT to BST overnight',
    query: {
      interval: { start: '2026-03-28T00:00:00Z', end: '2026-03-29T23:00:00Z' },
      zone: 'Europe/London',
      hours: { allowed: { from: '08:00', to: '22:00' } },
    },
    windows: [w('2026-03-28T08:00', '2026-03-28T22:00'), w('2026-03-29T07:00', '2026-03-29T21:00')],
  },
  {
    name: 'London fall-back: 01:00–02:00 lasts two hours of UTC',
    query: {
      interval: { start: '2026-10-24T23:00:00Z', end: '2026-10-26T00:00:00Z' },
      zone: 'Europe/London',
      hours: { allowed: { from: '01:00', to: '02:00' } },
    },
    windows: [w('2026-10-25T00:00', '2026-10-25T02:00')],
  },
  {
    name: 'Lord Howe falls back only 30 minutes: 01:00–03:00 local lasts 2.5 hours',
    query: {
      interval: { start: '2026-04-04T13:00:00Z', end: '2026-04-05T13:00:00Z' },
      zone: 'Australia/Lord_Howe',
      hours: { allowed: { from: '01:00', to: '03:00' } },
    },
    windows: [w('2026-04-04T14:00', '2026-04-04T16:30')],
  },
  {
    name: 'an allowed night span runs across local midnight as one window',
    query: {
      interval: { start: '2026-05-01T00:00:00Z', end: '2026-05-02T00:00:00Z' },
      zone: 'Asia/Shanghai',
      hours: { allowed: { from: '22:00', to: '06:00' } },
    },
    windows: [w('2026-05-01T14:00', '2026-05-01T22:00')],
  },
  {
    name: 'a holiday removes its own local date, even the after-midnight part of a night span',
    query: {
      interval: { start: '2026-09-30T00:00:00Z', end: '2026-10-02T00:00:00Z' },
      zone: 'Asia/Shanghai',
      hours: { allowed: { from: '22:00', to: '06:00' } },
      holidays: ['2026-10-01'],
    },
    windows: [w('2026-09-30T14:00', '2026-09-30T16:00'), w('2026-10-01T16:00', '2026-10-01T22:00')],
  },
  {
    name: 'holidays are dates in the customer zone: New Year in Kolkata starts 18:30 UTC',
    query: {
      interval: { start: '2026-12-31T00:00:00Z', end: '2027-01-02T00:00:00Z' },
      zone: 'Asia/Kolkata',
      holidays: ['2027-01-01'],
    },
    windows: [w('2026-12-31T00:00', '2026-12-31T18:30'), w('2027-01-01T18:30', '2027-01-02T00:00')],
  },
  {
    name: 'an empty interval has no windows',
    query: { interval: { start: '2026-05-01T10:00:00Z', end: '2026-05-01T10:00:00Z' }, zone: 'UTC' },
    windows: [],
  },
];

describe('allowedWindows', () => {
  it.each(cases)('$name', ({ query, windows }) => {
    expect(allowedWindows(query)).toEqual(windows);
  });

  it.each([
    { hours: { allowed: { from: '8:00', to: '22:00' } } },
    { hours: { allowed: { from: '08:00', to: '24:00' } } },
    { hours: { forbidden: { from: '22:00', to: '22:00' } } },
  ])('rejects malformed daily hours $hours', ({ hours }) => {
    const interval = { start: '2026-05-01T00:00:00Z', end: '2026-05-02T00:00:00Z' };
    expect(() => allowedWindows({ interval, zone: 'UTC', hours })).toThrow(RangeError);
  });

  it('rejects an unknown zone', () => {
    const interval = { start: '2026-05-01T00:00:00Z', end: '2026-05-02T00:00:00Z' };
    expect(() => allowedWindows({ interval, zone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});
