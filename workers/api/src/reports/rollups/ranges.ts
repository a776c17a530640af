/**
 * Which rollup rows cover a window: whole months from month rows, whole weeks from week rows, the rest from
 * day rows, so a six-month report reads six rows per group instead of 184. A report grouped by period only
 * takes grains that fit inside its periods (months never serve a weekly report, weeks never a monthly one).
 */
import { addDays } from '@doorstep/core';
import { datesOfWeek, firstDayOf, lastDayOf, monthOf, weekOf } from './calendar';

export type Grain = 'd' | 'w' | 'm';

/** Rows of one grain whose period key lies in [from, to] (keys of one grain sort in date order). */
export interface GrainRange {
  grain: Grain;
  from: string;
  to: string;
}

export type PeriodGrouping = 'day' | 'week' | 'month' | null;

/** Dates of [from, to] (both included) as ranges of the coarsest grains the grouping allows. */
export function grainRanges(from: string, to: string, period: PeriodGrouping): GrainRange[] {
  if (from > to) return [];
  if (period === 'day') return [{ grain: 'd', from, to }];
  if (period === 'week') return weeksThenDays(from, to);
  const months = wholeMonths(from, to);
  if (!months) return period === 'month' ? [{ grain: 'd', from, to }] : weeksThenDays(from, to);
  const rest = [
    [from, addDays(firstDayOf(months.from), -1)],
    [addDays(lastDayOf(months.to), 1), to],
  ] as const;
  return [
    { grain: 'm', from: months.from, to: months.to },
    ...rest.flatMap(([start, end]) =>
      period === 'month'
        ? start <= end
          ? [{ grain: 'd' as const, from: start, to: end }]
          : []
        : weeksThenDays(start, end),
    ),
  ];
}

function wholeMonths(from: string, to: string): { from: string; to: string } | null {
  const first =
    from === firstDayOf(monthOf(from)) ? monthOf(from) : monthOf(addDays(lastDayOf(monthOf(from)), 1));
  const last = to === lastDayOf(monthOf(to)) ? monthOf(to) : monthOf(addDays(firstDayOf(monthOf(to)), -1));
  return first <= last ? { from: first, to: last } : null;
}

function weeksThenDays(from: string, to: string): GrainRange[] {
  if (from > to) return [];
  // The first week lying wholly inside the window, and the last.
  let start = from;
  while (start <= to && datesOfWeek(start).first !== start) start = addDays(start, 1);
  let end = to;
  while (end >= start && datesOfWeek(end).last !== end) end = addDays(end, -1);
  if (start > end) return [{ grain: 'd', from, to }];
  const ranges: GrainRange[] = [{ grain: 'w', from: weekOf(start), to: weekOf(end) }];
  if (from < start) ranges.push({ grain: 'd', from, to: addDays(start, -1) });
  if (end < to) ranges.push({ grain: 'd', from: addDays(end, 1), to });
  return ranges;
}

/** D1 allows at most five terms in one compound SELECT; more are nested, five at a time. */
const COMPOUND_TERMS = 5;

/** `SELECT`s joined by `UNION ALL`, nested so that no compound exceeds D1's limit. */
export function unionAll(selects: readonly string[]): string {
  if (selects.length <= COMPOUND_TERMS) return selects.join(' UNION ALL ');
  const groups: string[] = [];
  for (let i = 0; i < selects.length; i += COMPOUND_TERMS) {
    groups.push(`SELECT * FROM (${selects.slice(i, i + COMPOUND_TERMS).join(' UNION ALL ')})`);
  }
  return unionAll(groups);
}

/**
 * A built run's rows for the window (E, to]: its start rows and one `UNION ALL` arm per grain range, each a
 * primary-key range scan (an `OR` of ranges would read every row of the run). ?1 is the run id; the ranges'
 * binds start at `first`.
 */
export function runRowsAfter(
  table: string,
  monthEnd: string,
  to: string,
  first: number,
): { from: string; binds: string[] } {
  const ranges = grainRanges(addDays(monthEnd, 1), to, 'month');
  const arms = [
    `SELECT * FROM ${table} WHERE run_id = ?1 AND grain = 's'`,
    ...ranges.map(
      (_, i) =>
        `SELECT * FROM ${table} WHERE run_id = ?1 AND grain = ?${first + 3 * i} AND period BETWEEN ?${first + 3 * i + 1} AND ?${first + 3 * i + 2}`,
    ),
  ];
  return {
    from: `(${unionAll(arms)})`,
    binds: ranges.flatMap((range) => [range.grain, range.from, range.to]),
  };
}
