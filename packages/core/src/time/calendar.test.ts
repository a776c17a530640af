import { describe, expect, test } from 'vitest';
import { addDays, addMonthsClamped, daysBetween, daysInMonth, isLeapYear } from './calendar';

describe('addMonthsClamped', () => {
  test.each([
    ['2026-01-31', 1, undefined, '2026-02-28'],
    ['2028-01-31', 1, undefined, '2028-02-29'],
    ['2026-01-31', 3, undefined, '2026-04-30'],
    ['2026-02-28', 1, 31, '2026-03-31'],
    ['2026-12-15', 1, undefined, '2027-01-15'],
    ['2026-03-31', -1, undefined, '2026-02-28'],
    ['2026-01-15', 25, undefined, '2028-02-15'],
  ] as const)('%s + %i months (day %s) = %s', (date, months, day, expected) => {
    expect(addMonthsClamped(date, months, day)).toBe(expected);
  });
});

test.each([
  [2024, true],
  [2026, false],
  [2100, false],
  [2000, true],
])('isLeapYear(%i) = %s', (year, leap) => {
  expect(isLeapYear(year)).toBe(leap);
  expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
});

test('addDays crosses months and years; daysBetween inverts it', () => {
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  expect(daysBetween('2026-01-01', addDays('2026-01-01', 400))).toBe(400);
});
