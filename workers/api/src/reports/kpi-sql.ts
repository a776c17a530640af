/**
 * The SQL side of the KPIs defined in `@doorstep/evaluation`: each query returns, per group, exactly the
 * aggregate that the package's `…Of` finisher takes, so the numbers a partner sees come from one
 * definition whether they are computed in D1 or in a test over plain rows.
 *
 * Aggregates run in D1 (indexed range scans, `GROUP BY`), never by loading rows into the Worker. Group
 * columns come from a fixed whitelist per query, never from the request text.
 */
import type { GroupKey } from '@doorstep/evaluation';
import { localDateOf } from './local-date-sql';

export interface ReportWindow {
  /** Local business dates of the tenant, both included. */
  from: string;
  to: string;
  /** End of the `from` and `to` local days as epoch ms, for instants such as payment times. */
  fromEndMs: number;
  toEndMs: number;
  period: 'day' | 'week' | 'month';
}

export interface KpiQuery {
  sql: string;
  binds: (string | number)[];
}

/** The period a local date (`YYYY-MM-DD` column) falls in. */
export const periodExpression = (column: string, period: ReportWindow['period']) =>
  period === 'day'
    ? column
    : period === 'month'
      ? `substr(${column}, 1, 7)`
      : `strftime('%Y-W%W', ${column})`;

const bucketExpression = (dpd: string) =>
  `CASE WHEN ${dpd} <= 0 THEN 'current' WHEN ${dpd} <= 30 THEN 'M1' WHEN ${dpd} <= 60 THEN 'M2' ` +
  `WHEN ${dpd} <= 90 THEN 'M3' WHEN ${dpd} <= 120 THEN 'M4' WHEN ${dpd} <= 150 THEN 'M5' ELSE 'M6+' END`;

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

/** The agency of the account's most recent case: an account has one case per delinquency episode. */
const latestCaseAgency = (accountId: string) =>
  `(SELECT agency_id FROM cases WHERE cases.tenant_id = ?1 AND cases.account_id = ${accountId} ORDER BY opened_at DESC LIMIT 1)`;

/** Which columns each family of queries can be grouped by. */
export const groupableBy = {
  outcomes: ['period', 'region', 'agency', 'agent', 'bucket'],
  agentDays: ['period', 'region', 'agency', 'agent'],
  cohort: ['region', 'agency', 'bucket'],
  promises: ['period', 'region', 'agency', 'bucket'],
  portfolio: ['region', 'agency', 'bucket'],
  reDefault: ['period', 'region', 'agency'],
  education: ['period', 'lesson', 'language'],
} as const satisfies Record<string, readonly GroupKey[]>;

/**
 * Aggregates over the outcomes recorded in the window, grouped by any of the columns `visit_outcomes`
 * carries (copied there when the outcome is recorded, so no join is needed).
 */
const outcomeAggregates =
  (aggregates: string) =>
  (tenantId: string, window: ReportWindow, groupBy: readonly GroupKey[]): KpiQuery => {
    const group = groupClause(groupBy, {
      period: periodExpression('local_date', window.period),
      region: 'region_id',
      agency: 'agency_id',
      agent: 'agent_id',
      bucket: 'bucket',
    });
    return {
      sql: `SELECT ${group.select}${aggregates}
        FROM visit_outcomes
        WHERE tenant_id = ?1 AND local_date BETWEEN ?2 AND ?3
        ${group.groupBy}`,
      binds: [tenantId, window.from, window.to],
    };
  };

/** Right-party contacts and satisfaction counts (served by `outcomes_report_idx`). */
export const outcomeFactsQuery = outcomeAggregates(`COUNT(*) AS visits,
  SUM(contact_result = 'customer_met') AS right_party,
  SUM(satisfaction = 1) AS s1, SUM(satisfaction = 2) AS s2, SUM(satisfaction = 3) AS s3,
  SUM(satisfaction = 4) AS s4, SUM(satisfaction = 5) AS s5`);

/**
 * Check-ins whose distance from the address was measured, and those flagged `location.far` (the
 * outcome carries its check-in's flag; served by `outcomes_check_in_idx`).
 */
export const checkInDistanceQuery = outcomeAggregates(
  'COUNT(check_in_far) AS measured, COALESCE(SUM(check_in_far), 0) AS far',
);

/** Agent-days (distinct agent and local day with a recorded visit) and the visits made on them. */
export function agentDayQuery(
  tenantId: string,
  window: ReportWindow,
  groupBy: readonly GroupKey[],
): KpiQuery {
  const group = groupClause(groupBy, {
    period: periodExpression('local_date', window.period),
    region: 'region_id',
    agency: 'agency_id',
    agent: 'agent_id',
  });
  return {
    sql: `SELECT ${group.select}COUNT(*) AS agent_days, SUM(visits) AS agent_visits
      FROM (
        SELECT agent_id, local_date, MAX(region_id) AS region_id, MAX(agency_id) AS agency_id, COUNT(*) AS visits
        FROM visit_outcomes
        WHERE tenant_id = ?1 AND local_date BETWEEN ?2 AND ?3 AND agent_id IS NOT NULL
        GROUP BY agent_id, local_date
      )
      ${group.groupBy}`,
    binds: [tenantId, window.from, window.to],
  };
}

/**
 * The latest snapshot of every account on or before a date. SQLite returns the bare columns of the row
 * holding MAX(sequence), and the primary key (tenant, account, sequence) serves the grouping in order.
 */
const latestSnapshotsOn = (dateParam: string) => `
  SELECT account_id, MAX(sequence) AS sequence, dpd,
    overdue_principal + overdue_interest + overdue_fees AS overdue, outstanding_balance, currency
  FROM delinquency_snapshots
  WHERE tenant_id = ?1 AND as_of <= ${dateParam}
  GROUP BY account_id`;

/**
 * The cohort delinquent at the end of `from`, with whether each cured inside (from, to] and what it paid,
 * capped at its arrears; feeds the cure rate, the recovery rate and the cost per cured case.
 */
export function cohortQuery(
  tenantId: string,
  window: ReportWindow,
  groupBy: readonly GroupKey[],
  costPerVisitMinor: number,
): KpiQuery {
  const group = groupClause(groupBy, {
    region: 'customer.region_id',
    agency: latestCaseAgency('cohort.account_id'),
    bucket: bucketExpression('cohort.dpd'),
  });
  return {
    sql: `WITH start AS (${latestSnapshotsOn('?2')}),
      paid AS (
        SELECT account_id, SUM(amount) AS amount FROM payments
        WHERE tenant_id = ?1 AND paid_at > ?4 AND paid_at <= ?5 GROUP BY account_id
      ),
      visited AS (
        SELECT kase.account_id, COUNT(*) AS visits
        FROM visit_outcomes outcome JOIN cases kase ON kase.id = outcome.case_id
        WHERE outcome.tenant_id = ?1 AND outcome.local_date > ?2 AND outcome.local_date <= ?3
        GROUP BY kase.account_id
      ),
      cohort AS MATERIALIZED (
        SELECT start.account_id, start.dpd, start.overdue, start.currency, account.customer_id,
          EXISTS (
            SELECT 1 FROM delinquency_snapshots later
            WHERE later.tenant_id = ?1 AND later.account_id = start.account_id
              AND later.as_of > ?2 AND later.as_of <= ?3 AND later.dpd = 0
          ) AS cured,
          MIN(start.overdue, COALESCE(paid.amount, 0)) AS collected,
          COALESCE(visited.visits, 0) AS visits
        FROM start
        JOIN accounts account ON account.id = start.account_id
        LEFT JOIN paid ON paid.account_id = start.account_id
        LEFT JOIN visited ON visited.account_id = start.account_id
        WHERE start.dpd > 0 AND account.status <> 'closed'
      )
      SELECT ${group.select}cohort.currency AS currency, COUNT(*) AS delinquent_at_start, SUM(cured) AS cured,
        SUM(overdue) AS overdue_at_start, SUM(collected) AS collected,
        SUM(visits) * ?6 AS cost, SUM(cured AND visits > 0) AS cured_visited
      FROM cohort JOIN customers customer ON customer.id = cohort.customer_id
      ${group.groupBy ? `${group.groupBy}, cohort.currency` : 'GROUP BY cohort.currency'}`,
    binds: [tenantId, window.from, window.to, window.fromEndMs, window.toEndMs, costPerVisitMinor],
  };
}

/** Promises due in the window and those kept (judged by the follow-up engine on the day after). */
export function promiseQuery(tenantId: string, window: ReportWindow, groupBy: readonly GroupKey[]): KpiQuery {
  const group = groupClause(groupBy, {
    period: periodExpression('promise.promised_date', window.period),
    region: 'kase.region_id',
    agency: 'kase.agency_id',
    bucket: 'kase.bucket',
  });
  return {
    sql: `SELECT ${group.select}COUNT(*) AS promises_due, SUM(promise.status = 'kept') AS promises_kept
      FROM promises promise JOIN cases kase ON kase.id = promise.case_id
      WHERE promise.tenant_id = ?1 AND promise.due_at > ?2 AND promise.due_at <= ?3
        AND promise.status <> 'cancelled'
      ${group.groupBy}`,
    binds: [tenantId, window.fromEndMs - 86_400_000, window.toEndMs],
  };
}

/** Open accounts as of the window's end: how many and how much are overdue. */
export function portfolioQuery(
  tenantId: string,
  window: ReportWindow,
  groupBy: readonly GroupKey[],
): KpiQuery {
  const group = groupClause(groupBy, {
    region: 'customer.region_id',
    agency: latestCaseAgency('latest.account_id'),
    bucket: bucketExpression('latest.dpd'),
  });
  return {
    sql: `WITH latest AS (${latestSnapshotsOn('?2')})
      SELECT ${group.select}latest.currency AS currency, COUNT(*) AS accounts, SUM(latest.dpd > 0) AS overdue_accounts,
        SUM(latest.outstanding_balance) AS outstanding,
        SUM(CASE WHEN latest.dpd > 0 THEN latest.outstanding_balance ELSE 0 END) AS overdue_outstanding
      FROM latest JOIN accounts account ON account.id = latest.account_id
      JOIN customers customer ON customer.id = account.customer_id
      WHERE account.status <> 'closed'
      ${group.groupBy ? `${group.groupBy}, latest.currency` : 'GROUP BY latest.currency'}`,
    binds: [tenantId, window.to],
  };
}

/** Bucket at the end of `from` against bucket at the end of `to`, for accounts delinquent at the start. */
export function rollRateQuery(tenantId: string, window: ReportWindow): KpiQuery {
  return {
    sql: `WITH start AS (${latestSnapshotsOn('?2')}), finish AS (${latestSnapshotsOn('?3')})
      SELECT ${bucketExpression('start.dpd')} AS from_bucket, ${bucketExpression('finish.dpd')} AS to_bucket,
        COUNT(*) AS accounts
      FROM start JOIN finish ON finish.account_id = start.account_id
      WHERE start.dpd > 0
      GROUP BY from_bucket, to_bucket`,
    binds: [tenantId, window.from, window.to],
  };
}

/**
 * Per experiment arm: cases, cures inside the window, the amount each case recovered (n, Σx, Σx²), and
 * the arm's promises to pay due in the window with those kept (the promise-kept KPI's rule).
 */
export function experimentArmsQuery(tenantId: string, experimentId: string, window: ReportWindow): KpiQuery {
  return {
    sql: `WITH recovered AS MATERIALIZED (
        SELECT assignment.arm AS arm, kase.status = 'cured' AND kase.ended_at <= ?4 AS cured,
          COALESCE((SELECT SUM(amount) FROM payments
            WHERE payments.tenant_id = ?1 AND payments.case_id = assignment.case_id
              AND payments.paid_at > ?3 AND payments.paid_at <= ?4), 0) AS amount,
          (SELECT COUNT(*) FROM promises promise WHERE promise.tenant_id = ?1 AND promise.case_id = assignment.case_id
              AND promise.due_at > ?5 AND promise.due_at <= ?4 AND promise.status <> 'cancelled') AS promises_due,
          (SELECT COUNT(*) FROM promises promise WHERE promise.tenant_id = ?1 AND promise.case_id = assignment.case_id
              AND promise.due_at > ?5 AND promise.due_at <= ?4 AND promise.status = 'kept') AS promises_kept
        FROM experiment_assignments assignment
        JOIN cases kase ON kase.id = assignment.case_id
        WHERE assignment.tenant_id = ?1 AND assignment.experiment_id = ?2 AND assignment.eligible = 1
      )
      SELECT arm, COUNT(*) AS cases, SUM(cured) AS cured, SUM(amount) AS recovered_sum,
        SUM(amount * amount) AS recovered_sum_of_squares, SUM(promises_due) AS promises_due,
        SUM(promises_kept) AS promises_kept
      FROM recovered GROUP BY arm`,
    binds: [tenantId, experimentId, window.fromEndMs, window.toEndMs, window.fromEndMs - 86_400_000],
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
  cohort: { fromStartMs: number; windowMs: number; asOfMs: number; offsets: string },
): KpiQuery {
  const group = groupClause(groupBy, {
    period: periodExpression('cured_on', window.period),
    region: 'region_id',
    agency: 'agency_id',
  });
  return {
    sql: `WITH cohort AS MATERIALIZED (
        SELECT customer_id, ended_at, region_id, agency_id, ${localDateOf('ended_at', '?6')} AS cured_on
        FROM cases
        WHERE tenant_id = ?1 AND status = 'cured' AND ended_at >= ?2 AND ended_at < ?3 AND ended_at + ?4 <= ?5
      )
      SELECT ${group.select}COUNT(*) AS observed_cures,
        SUM(${reDefaultedWithin('cohort.customer_id', 'cohort.ended_at', '?4')}) AS re_defaulted
      FROM cohort
      ${group.groupBy}`,
    binds: [tenantId, cohort.fromStartMs, window.toEndMs, cohort.windowMs, cohort.asOfMs, cohort.offsets],
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
