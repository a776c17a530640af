/**
 * Calendar arithmetic for rollup keys: months (`YYYY-MM`), SQLite's `%Y-W%W` weeks (Monday first; days before
 * a year's first Monday are its week 00) and month ends, the start dates of cohort rollups.
 */
import { addDays, daysInMonth } from '@doorstep/core';

export const monthOf = (date: string) => date.slice(0, 7);

export const firstDayOf = (month: string) => `${month}-01`;

export function lastDayOf(month: string): string {
  const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return `${month}-${String(days).padStart(2, '0')}`;
}

export const isMonthEnd = (date: string) => date === lastDayOf(monthOf(date));

/** The month end on or before a date: the date itself at a month end, else the end of the month before. */
export const monthEndOnOrBefore = (date: string) =>
  isMonthEnd(date) ? date : addDays(firstDayOf(monthOf(date)), -1);

/** The `count` month ends after a month end, nearest first. */
export function monthEndsAfter(monthEnd: string, count: number): string[] {
  const ends: string[] = [];
  let end = monthEnd;
  for (let i = 0; i < count; i++) {
    end = lastDayOf(monthOf(addDays(end, 1)));
    ends.push(end);
  }
  return ends;
}

const weekdayFromMonday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

/** SQLite's `strftime('%Y-W%W', date)`, which the activity triggers store as a week's key. */
export function weekOf(date: string): string {
  const year = date.slice(0, 4);
  const dayOfYear = Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000,
  );
  const week = Math.floor((dayOfYear + 7 - weekdayFromMonday(date)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The dates a `%Y-W%W` week key covers: Monday to Sunday, cut at the ends of its calendar year. */
export function datesOfWeek(date: string): { first: string; last: string } {
  const monday = addDays(date, -weekdayFromMonday(date));
  const sunday = addDays(monday, 6);
  const year = date.slice(0, 4);
  return {
    first: monday.slice(0, 4) < year ? `${year}-01-01` : monday,
    last: sunday.slice(0, 4) > year ? `${year}-12-31` : sunday,
  };
}
