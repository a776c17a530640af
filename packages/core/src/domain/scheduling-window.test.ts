import { expect, test } from 'vitest';
import { DEFAULT_SCHEDULING_WINDOW, scheduledDateSchema, scheduledInstantSchema } from './scheduling-window';

const NOW = Date.parse('2026-12-05T20:00:00.000Z'); // 04:00 on 6 December in Shanghai

test('by default a visit may start up to a day ago and end up to 180 days ahead', () => {
  const At = scheduledInstantSchema(NOW, DEFAULT_SCHEDULING_WINDOW);
  expect(At.safeParse('2026-12-04T20:00:00.000Z').success).toBe(true);
  expect(At.safeParse('2026-12-04T19:59:59.000Z').success).toBe(false);
  expect(At.safeParse('2027-06-03T20:00:00.000Z').success).toBe(true);
  expect(At.safeParse('2027-06-03T20:00:01.000Z').success).toBe(false);
});

test('a plan day or promised date is judged against today in the tenant’s zone', () => {
  const inShanghai = scheduledDateSchema(NOW, 'Asia/Shanghai', DEFAULT_SCHEDULING_WINDOW);
  const inNewYork = scheduledDateSchema(NOW, 'America/New_York', DEFAULT_SCHEDULING_WINDOW);
  // Today is 6 December in Shanghai, 5 December in New York: "yesterday" differs.
  expect(inShanghai.safeParse('2026-12-04').success).toBe(false);
  expect(inNewYork.safeParse('2026-12-04').success).toBe(true);
});

test('a tenant backfilling its history may look back further', () => {
  const At = scheduledInstantSchema(NOW, { pastGraceHours: 24 * 400, horizonDays: 30 });
  expect(At.safeParse('2026-01-01T00:00:00.000Z').success).toBe(true);
  expect(At.safeParse('2027-02-01T00:00:00.000Z').success).toBe(false);
});
