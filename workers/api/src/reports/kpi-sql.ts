/**
 * Shapes shared by the report SQL: a window in the tenant's local dates and a query with its binds. The
 * KPI queries themselves read rollups (`./rollups`): each returns, per group, exactly the aggregate that
 * `@doorstep/evaluation`'s `…Of` finisher takes, so the numbers a partner sees come from one definition
 * whether they are computed in D1 or in a test over plain rows. Group columns come from a fixed whitelist
 * per query, never from the request text.
 */
import type { GroupKey } from '@doorstep/evaluation';
import { localDateSql, type OffsetSegment } from './local-date-sql';

export interface ReportWindow {
  /** Local business dates of the tenant, both included. */
  from: string;
  to: string;
  /** End of the `from` and `to` local days as epoch ms, for instants such as plan acceptances. */
  fromEndMs: number;
  toEndMs: number;
  period: 'day' | 'week' | 'month';
}

export interface KpiQuery {
  sql: string;
  binds: (string | number | null)[];
}

/** The period a local date (`YYYY-MM-DD` column) falls in, labelled as the activity triggers label weeks and months. */
export const periodExpression = (column: string, period: ReportWindow['period']) =>
  period === 'day'
    ? column
    : period === 'month'
      ? `substr(${column}, 1, 7)`
      : `strftime('%Y-W%W', ${column})`;

/** Which columns each family of queries can be grouped by. */
export const groupableBy = {
  outcomes: ['period', 'region', 'agency', 'agent', 'bucket'],
  agentDays: ['period', 'region', 'agency', 'agent'],
  cohort: ['region', 'agency', 'bucket'],
  promises: ['period', 'region', 'agency', 'bucket'],
  // Not by bucket: every account of an overdue bucket is overdue, so the rate per bucket says nothing.
  portfolio: ['region', 'agency'],
  reDefault: ['period', 'region', 'agency'],
  education: ['period', 'lesson', 'language'],
} as const satisfies Record<string, readonly GroupKey[]>;

/** Group columns of the queries that read raw rows (education, re-default); a null groups as '(none)'. */
function groupClause(groupBy: readonly GroupKey[], columns: Partial<Record<GroupKey, string>>) {
  const selected = groupBy.map((key) => {
    const column = columns[key];
    if (!column) throw new RangeError(`cannot group by ${key}`);
    return { key, column };
  });
  return {
    select: selected.map(({ key, column }) => `COALESCE(${column}, '(none)') AS g_${key}, `).join(''),
    groupBy: selected.length ? `GROUP BY ${selected.map(({ key }) => `g_${key}`).join(', ')}` : '',
  };
}

/**
 * The re-default rule, once for the KPI and the education experiment: a new case of the cured
 * customer, on any account, opened after the cure and within the window (`?1` is the tenant).
 */
export const reDefaultedWithin = (customerId: string, curedAt: string, windowMs: string) =>
  `EXISTS (SELECT 1 FROM cases later WHERE later.tenant_id = ?1 AND later.customer_id = ${customerId}
     AND later.opened_at > ${curedAt} AND later.opened_at <= ${curedAt} + ${windowMs})`;

/**
 * Cases cured in the window whose `windowMs` after the cure had all passed at `asOfMs`, and how many of
 * them saw a new case of the same customer (any account) opened within that time. The cohort runs on
 * `cases_cured_idx`; each follow-up is one probe of `cases_customer_idx`.
 */
export function reDefaultQuery(
  tenantId: string,
  window: ReportWindow,
  groupBy: readonly GroupKey[],
  cohort: { fromStartMs: number; windowMs: number; asOfMs: number; segments: readonly OffsetSegment[] },
): KpiQuery {
  const group = groupClause(groupBy, {
    period: periodExpression('cured_on', window.period),
    region: 'region_id',
    agency: 'agency_id',
  });
  return {
    sql: `WITH cohort AS MATERIALIZED (
        SELECT customer_id, ended_at, region_id, agency_id, ${localDateSql('ended_at', cohort.segments)} AS cured_on
        FROM cases
        WHERE tenant_id = ?1 AND status = 'cured' AND ended_at >= ?2 AND ended_at < ?3 AND ended_at + ?4 <= ?5
      )
      SELECT ${group.select}COUNT(*) AS observed_cures,
        SUM(${reDefaultedWithin('cohort.customer_id', 'cohort.ended_at', '?4')}) AS re_defaulted
      FROM cohort
      ${group.groupBy}`,
    binds: [tenantId, cohort.fromStartMs, window.toEndMs, cohort.windowMs, cohort.asOfMs],
  };
}

/** Lessons assigned in the window, and those started and completed (with their quiz answers) by its end. */
export function educationQuery(
  tenantId: string,
  window: ReportWindow,
  groupBy: readonly GroupKey[],
): KpiQuery {
  const group = groupClause(groupBy, {
    period: periodExpression('local_date', window.period),
    lesson: 'lesson_id',
    language: 'language',
  });
  return {
    sql: `SELECT ${group.select}COUNT(*) AS assigned,
        SUM(started_at < ?4) AS started,
        SUM(completed_at < ?4) AS completed,
        COALESCE(SUM(CASE WHEN completed_at < ?4 THEN quiz_correct END), 0) AS quiz_correct,
        COALESCE(SUM(CASE WHEN completed_at < ?4 THEN quiz_total END), 0) AS quiz_questions
      FROM lesson_assignments
      WHERE tenant_id = ?1 AND local_date BETWEEN ?2 AND ?3
      ${group.groupBy}`,
    binds: [tenantId, window.from, window.to, window.toEndMs],
  };
}
