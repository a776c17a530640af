import { describe, expect, test } from 'vitest';
import { boundedInstant, boundedLocalDate, relativeToNow } from './bounded';

const NOW = Date.parse('2026-12-05T12:00:00.000Z');
const clock = () => NOW;
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('boundedInstant', () => {
  const Reported = boundedInstant(clock, { from: -366 * DAY, to: 5 * MINUTE });

  test.each([
    ['now', '2026-12-05T12:00:00.000Z', true],
    ['within the clock skew', '2026-12-05T12:05:00.000Z', true],
    ['past the clock skew', '2026-12-05T12:05:00.001Z', false],
    ['a year ago', '2025-12-04T12:00:00.000Z', true],
    ['beyond the look-back', '2025-12-04T11:59:59.999Z', false],
    ['year 0000', '0000-01-01T00:00:00.000Z', false],
    ['year 9999', '9999-12-31T23:59:59.000Z', false],
  ])('%s: %s → %s', (_, value, ok) => {
    expect(Reported.safeParse(value).success).toBe(ok);
  });

  test('names the limit it broke, in the message and the issue', () => {
    const issue = Reported.safeParse('2999-01-01T00:00:00.000Z').error?.issues[0];
    expect(issue).toMatchObject({ code: 'too_big', message: 'Must lie between 1970-01-01 and 2099-12-31' });
    const late = Reported.safeParse('2026-12-06T00:00:00.000Z').error?.issues[0];
    expect(late).toMatchObject({
      code: 'too_big',
      message: 'Must not be after 5 minutes from now (2026-12-05T12:05:00.000Z)',
    });
  });

  test('reads the clock when it validates, not when it is built', () => {
    let now = NOW;
    const Future = boundedInstant(() => now, { from: 0 });
    expect(Future.safeParse('2026-12-05T13:00:00.000Z').success).toBe(true);
    now += 2 * 3_600_000;
    expect(Future.safeParse('2026-12-05T13:00:00.000Z').success).toBe(false);
  });

  test('without a window it still keeps to the calendar', () => {
    const Any = boundedInstant(clock);
    expect(Any.safeParse('1969-12-31T23:59:59.000Z').success).toBe(false);
    expect(Any.safeParse('1970-01-01T00:00:00.000Z').success).toBe(true);
    expect(Any.safeParse('2099-12-31T23:59:59.000Z').success).toBe(true);
  });
});

describe('boundedLocalDate', () => {
  const Promised = boundedLocalDate(() => '2026-12-05', { fromDays: -1, toDays: 180 });

  test.each([
    ['yesterday', '2026-12-04', true],
    ['two days ago', '2026-12-03', false],
    ['the horizon', '2027-06-03', true],
    ['past the horizon', '2027-06-04', false],
    ['year 9999', '9999-01-01', false],
  ])('%s: %s → %s', (_, value, ok) => {
    expect(Promised.safeParse(value).success).toBe(ok);
  });

  test('says which day is the limit', () => {
    expect(Promised.safeParse('2026-12-01').error?.issues[0]?.message).toBe(
      'Must not be before 1 day ago (2026-12-04)',
    );
  });
});

test.each([
  [0, 'now'],
  [5 * MINUTE, '5 minutes from now'],
  [-DAY, '1 day ago'],
  [-3 * 3_600_000, '3 hours ago'],
])('relativeToNow(%i) = %s', (offset, text) => {
  expect(relativeToNow(offset)).toBe(text);
});
