import type { LocalDate } from './schemas';

/** Calendar arithmetic on zone-free dates; all of it is proleptic Gregorian, as ISO 8601 is. */

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;

export const parseLocalDate = (date: LocalDate): DateParts => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10)),
});

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export const formatLocalDate = ({ year, month, day }: DateParts): LocalDate =>
  `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;

/** Adds whole days; goes through UTC epoch days so month and year rollover are exact. */
export const addDays = (date: LocalDate, days: number): LocalDate => {
  const { year, month, day } = parseLocalDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatLocalDate({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  });
};

/**
 * Adds months keeping a preferred day of month, clamped to the target month's length: a plan due
 * on the 31st falls on 30 April and on 28 or 29 February, then returns to the 31st.
 */
export const addMonthsClamped = (date: LocalDate, months: number, preferredDay?: number): LocalDate => {
  const { year, month, day } = parseLocalDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const wanted = preferredDay ?? day;
  return formatLocalDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(wanted, daysInMonth(targetYear, targetMonth)),
  });
};

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => {
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000,
  );
};
