import { describe, expect, test } from 'vitest';
import {
  dailyLocalWindows,
  instantIsWithin,
  intersectIntervals,
  localDatesIn,
  normalizeIntervals,
  subtractIntervals,
} from './intervals';

const i = (start: string, end: string) => ({ start: `${start}:00.000Z`, end: `${end}:00.000Z` });

describe('interval sets', () => {
  test('normalize merges overlapping and touching intervals', () => {
    expect(
      normalizeIntervals([
        i('2026-01-01T10:00', '2026-01-01T12:00'),
        i('2026-01-01T08:00', '2026-01-01T10:00'),
      ]),
    ).toEqual([i('2026-01-01T08:00', '2026-01-01T12:00')]);
  });

  test('intersect keeps only common time', () => {
    expect(
      intersectIntervals(
        [i('2026-01-01T08:00', '2026-01-01T12:00'), i('2026-01-01T14:00', '2026-01-01T18:00')],
        [i('2026-01-01T11:00', '2026-01-01T15:00')],
      ),
    ).toEqual([i('2026-01-01T11:00', '2026-01-01T12:00'), i('2026-01-01T14:00', '2026-01-01T15:00')]);
  });

  test('subtract cuts holes', () => {
    expect(
      subtractIntervals(
        [i('2026-01-01T08:00', '2026-01-01T18:00')],
        [i('2026-01-01T12:00', '2026-01-01T13:00')],
      ),
    ).toEqual([i('2026-01-01T08:00', '2026-01-01T12:00'), i('2026-01-01T13:00', '2026-01-01T18:00')]);
  });
});

describe('dailyLocalWindows', () => {
  test('08:00–21:00 New York across the spring DST change', () => {
    const windows = dailyLocalWindows(i('2026-03-07T00:00', '2026-03-09T00:00'), 'America/New_York', {
      from: '08:00',
      to: '21:00',
    });
    expect(windows).toEqual([
      i('2026-03-07T00:00', '2026-03-07T02:00'), // the evening of 6 March, still inside the interval
      i('2026-03-07T13:00', '2026-03-08T02:00'), // EST, UTC-5
      i('2026-03-08T12:00', '2026-03-09T00:00'), // EDT, UTC-4, clipped by the interval
    ]);
  });

  test('a window past midnight (22:00–08:00) runs into the next day', () => {
    const windows = dailyLocalWindows(i('2026-03-01T00:00', '2026-03-02T00:00'), 'Asia/Shanghai', {
      from: '22:00',
      to: '08:00',
    });
    expect(windows).toEqual([i('2026-03-01T14:00', '2026-03-02T00:00')]);
  });

  test('localDatesIn lists each local date touched', () => {
    expect(localDatesIn(i('2026-03-01T15:00', '2026-03-02T17:00'), 'Asia/Shanghai')).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
    ]);
  });
});

test('instantIsWithin treats windows as half-open', () => {
  const windows = [i('2026-01-01T08:00', '2026-01-01T12:00')];
  expect(instantIsWithin('2026-01-01T08:00:00Z', windows)).toBe(true);
  expect(instantIsWithin('2026-01-01T11:59:59Z', windows)).toBe(true);
  expect(instantIsWithin('2026-01-01T12:00:00Z', windows)).toBe(false);
});
