/**
 * The rules the rollup SQL shares with the core, checked in D1 itself: the bucket `CASE` generated from the
 * core's table, the `%Y-W%W` week keys and month ends the reads are planned with, and local dates of
 * instants across DST.
 */
import { env } from 'cloudflare:test';
import { addDays, bucketOf, localDateAt, startOfLocalDay, toInstant } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { localDateSql, offsetSegments } from '../src/reports/local-date-sql';
import { bucketSql } from '../src/reports/rollups/bucket-sql';
import {
  datesOfWeek,
  isMonthEnd,
  monthEndOnOrBefore,
  monthEndsAfter,
  weekOf,
} from '../src/reports/rollups/calendar';
import { grainRanges, unionAll } from '../src/reports/rollups/ranges';

/** Evaluates one SQL expression per value, through `json_each`, in one statement. */
async function evaluate(expression: (column: string) => string, values: unknown[]): Promise<unknown[]> {
  const { results } = await env.DB.prepare(
    `SELECT ${expression('value')} AS out FROM json_each(?) ORDER BY key`,
  )
    .bind(JSON.stringify(values))
    .all<{ out: unknown }>();
  return results.map((row) => row.out);
}

describe('bucket SQL', () => {
  it("buckets every DPD from 0 to 1,000 as the core's bucketOf does", async () => {
    const dpds = Array.from({ length: 1001 }, (_, dpd) => dpd);
    expect(await evaluate(bucketSql, dpds)).toEqual(dpds.map(bucketOf));
  });

  it('gives no bucket (NULL) for what the core rejects', async () => {
    expect(await evaluate(bucketSql, [-1, 1.5, null, 'M1'])).toEqual([null, null, null, null]);
    for (const dpd of [-1, 1.5]) expect(() => bucketOf(dpd)).toThrow(RangeError);
  });
});

describe('rollup calendar', () => {
  const days = Array.from({ length: 800 }, (_, i) => addDays('2025-12-20', i));

  it("keys weeks as SQLite's strftime('%Y-W%W') does, and knows each week's first and last day", async () => {
    expect(await evaluate((v) => `strftime('%Y-W%W', ${v})`, days)).toEqual(days.map(weekOf));
    for (const day of days) {
      const { first, last } = datesOfWeek(day);
      expect(weekOf(first)).toBe(weekOf(day));
      expect(weekOf(last)).toBe(weekOf(day));
      expect(weekOf(addDays(first, -1))).not.toBe(weekOf(day));
      expect(weekOf(addDays(last, 1))).not.toBe(weekOf(day));
    }
  });

  it('finds month ends', () => {
    expect(isMonthEnd('2028-02-29')).toBe(true);
    expect(monthEndOnOrBefore('2026-03-15')).toBe('2026-02-28');
    expect(monthEndsAfter('2026-01-31', 3)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('covers every day of a window exactly once, in the coarsest rows the grouping allows', () => {
    const dayKeys = (range: { grain: string; from: string; to: string }) => {
      const covered: string[] = [];
      for (const day of days) {
        const key = range.grain === 'd' ? day : range.grain === 'w' ? weekOf(day) : day.slice(0, 7);
        if (key >= range.from && key <= range.to) covered.push(day);
      }
      return covered;
    };
    for (const [from, to] of [
      ['2026-01-01', '2026-12-31'],
      ['2026-01-14', '2026-03-02'],
      ['2026-12-30', '2027-01-05'],
      ['2026-05-01', '2026-05-01'],
    ] as const) {
      for (const period of ['day', 'week', 'month', null] as const) {
        const ranges = grainRanges(from, to, period);
        const covered = ranges.flatMap(dayKeys).sort();
        expect(covered, `${from}…${to} by ${period}`).toEqual(days.filter((day) => day >= from && day <= to));
        if (period === 'month') expect(ranges.every((range) => range.grain !== 'w')).toBe(true);
        if (period === 'week') expect(ranges.every((range) => range.grain !== 'm')).toBe(true);
      }
    }
    expect(grainRanges('2026-01-01', '2026-12-31', null)).toEqual([
      { grain: 'm', from: '2026-01', to: '2026-12' },
    ]);
  });

  it('reads a window of seven grain ranges in one statement, though D1 allows five terms per compound', async () => {
    const ranges = grainRanges('2026-01-14', '2026-05-20', null);
    expect(ranges).toHaveLength(7);
    const { results } = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM (${unionAll(ranges.map((range) => `SELECT '${range.grain}' AS grain`))})`,
    ).all<{ n: number }>();
    expect(results[0]?.n).toBe(7);
  });
});

describe('local dates of instants', () => {
  it('match the zone calendar on every side of the DST changes', async () => {
    for (const zone of ['America/New_York', 'Europe/London', 'Asia/Shanghai', 'Australia/Lord_Howe']) {
      const start = Date.parse(startOfLocalDay('2026-01-01', zone));
      const end = Date.parse(startOfLocalDay('2027-01-01', zone));
      const segments = offsetSegments(zone, start, end);
      // First and last millisecond of every day, and each hour, across the year.
      const instants: number[] = [];
      for (let day = '2026-01-01'; day < '2027-01-01'; day = addDays(day, 1)) {
        const dayStart = Date.parse(startOfLocalDay(day, zone));
        const next = Date.parse(startOfLocalDay(addDays(day, 1), zone));
        instants.push(dayStart, next - 1, dayStart + 3_600_000 * 2, dayStart + 3_600_000 * 2 + 1_800_000);
      }
      const dates = await evaluate((v) => localDateSql(v, segments), instants);
      expect(dates, zone).toEqual(instants.map((at) => localDateAt(toInstant(at), zone)));
    }
  });
});
