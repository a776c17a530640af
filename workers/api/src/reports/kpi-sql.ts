/**
 * Shapes shared by the report SQL: a window in the tenant's local dates and a query with its binds. The
 * KPI queries themselves read rollups (`./rollups`): each returns, per group, exactly the aggregate that
 * `@doorstep/evaluation`'s `…Of` finisher takes, so the numbers a partner sees come from one definition
 * whether they are computed in D1 or in a test over plain rows. Group columns come from a fixed whitelist
 * per query, never from the request text.
 */
import type { GroupKey } from '@doorstep/evaluation';

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
} as const satisfies Record<string, readonly GroupKey[]>;
