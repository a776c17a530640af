import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  instantToZoned,
  isValidTimeZone,
  localDateAt,
  offsetAt,
  startOfLocalDay,
  zonedToInstant,
} from './zoned';

describe('zonedToInstant', () => {
  test.each([
    // zone, date, time, expected instant, why
    ['Asia/Shanghai', '2026-03-01', '08:00', '2026-03-01T00:00:00.000Z', 'fixed +08:00'],
    ['Europe/London', '2026-01-15', '09:00', '2026-01-15T09:00:00.000Z', 'GMT in winter'],
    ['Europe/London', '2026-07-15', '09:00', '2026-07-15T08:00:00.000Z', 'BST in summer'],
    [
      'America/New_York',
      '2026-03-08',
      '02:30',
      '2026-03-08T07:30:00.000Z',
      'spring gap moves forward to 03:30 EDT',
    ],
    [
      'America/New_York',
      '2026-11-01',
      '01:30',
      '2026-11-01T05:30:00.000Z',
      'autumn overlap takes the earlier (EDT)',
    ],
    ['Asia/Kolkata', '2026-05-01', '19:00', '2026-05-01T13:30:00.000Z', 'half-hour offset'],
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:45:00.000Z', 'half-hour DST gap'],
  ])('%s %s %s → %s (%s)', (zone, date, time, expected) => {
    expect(zonedToInstant(date, time, zone)).toBe(expected);
  });

  test('startOfLocalDay follows a zone that skips midnight', () => {
    // America/Santiago starts DST at 24:00 → 01:00, so the day begins at 01:00 local.
    expect(instantToZoned(startOfLocalDay('2026-09-06', 'America/Santiago'), 'America/Santiago')).toEqual({
      date: '2026-09-06',
      time: '01:00:00',
    });
  });
});

describe('round trips', () => {
  const zones = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];

  test('instant → local → instant is the identity for every instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const instant = new Date(Math.floor(ms / 1000) * 1000).toISOString();
          const local = instantToZoned(instant, zone);
          const back = zonedToInstant(local.date, local.time, zone);
          // In an overlap the earlier of the two instants is chosen; both read the same locally.
          expect(instantToZoned(back, zone)).toEqual(local);
          expect(Date.parse(back)).toBeLessThanOrEqual(Date.parse(instant));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('localDateAt agrees with the offset', () => {
    expect(localDateAt('2026-03-01T16:30:00Z', 'Asia/Shanghai')).toBe('2026-03-02');
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
  });
});

test('isValidTimeZone', () => {
  expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
  expect(isValidTimeZone('Mars/Olympus')).toBe(false);
});

describe('localPartsAt around transitions', () => {
  // Reference: ICU formatting of every instant, uncached.
  const reference = (ms: number, zone: string) => {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(ms);
    const get = (type: string) => parts.find((p) => p.type === type)?.value;
    return {
      date: `${get('year')}-${get('month')}-${get('day')}`,
      time: `${get('hour')}:${get('minute')}:${get('second')}`,
    };
  };

  test.each([
    ['America/New_York', '2026-03-08T00:00:00Z'],
    ['America/New_York', '2026-11-01T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T12:00:00Z'],
    ['Europe/London', '2026-03-29T00:00:00Z'],
  ])('%s from %s, every 7 minutes for 12 hours, matches ICU', (zone, from) => {
    for (let ms = Date.parse(from); ms < Date.parse(from) + 12 * 3_600_000; ms += 7 * 60_000 + 13_000) {
      expect(instantToZoned(new Date(ms).toISOString(), zone)).toEqual(reference(ms, zone));
    }
  });
});
