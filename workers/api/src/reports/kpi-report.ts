/**
 * Runs a KPI's aggregate query over the rollups and finishes each group with `@doorstep/evaluation`,
 * producing the package's `KpiTable` (the same shape the reference implementation produces from plain
 * rows), with how fresh the rollups behind it are.
 *
 * Activity KPIs (outcomes, agent-days, promises) read rollups the writes keep exact, for any window.
 * Account KPIs read the rollup built for a month end E: cohort KPIs and roll rates start at a month end
 * and end within 12 months; overdue rates on any date read the month end before it.
 */
import { toInstant } from '@doorstep/core';
import {
  costPerCuredCase,
  costPerCuredCaseOf,
  cureRate,
  cureRateOf,
  farCheckInRate,
  farCheckInRateOf,
  type GroupKey,
  type GroupValues,
  type KpiDefinition,
  type KpiId,
  type KpiResult,
  type KpiTable,
  type KpiTableRow,
  kpiDefinitionsById,
  kpiTable,
  overdueRateAmount,
  overdueRateByAmount,
  overdueRateByCount,
  overdueRateCount,
  promiseKeptRate,
  promiseKeptRateOf,
  recoveryRate,
  recoveryRateOf,
  rightPartyContactRate,
  rightPartyContactRateOf,
  rollRate,
  rollRateMatrix,
  type SatisfactionCounts,
  satisfaction,
  satisfactionOf,
  type TransitionCount,
  visitsPerAgentDay,
  visitsPerAgentDayOf,
} from '@doorstep/evaluation';
import { ApiError } from '../http/error-codes';
import { groupableBy, type KpiQuery, type ReportWindow } from './kpi-sql';
import { agentDayRollupQuery, outcomeRollupQuery, promiseRollupQuery } from './rollups/activity-sql';
import { isMonthEnd, monthEndOnOrBefore, monthEndsAfter } from './rollups/calendar';
import {
  cohortRollupQuery,
  HORIZON_MONTHS,
  portfolioRollupQuery,
  rollRollupQuery,
} from './rollups/cohort-sql';
import type { RollupSource } from './rollups/source';

type Row = Record<string, string | number | null>;

export interface KpiReportRequest {
  tenantId: string;
  kpi: KpiId;
  window: ReportWindow;
  groupBy: readonly GroupKey[];
  /** Allocated cost of one visit in the tenant's currency, minor units (tenant setting). */
  costPerVisitMinor: number;
}

/**
 * `live`: rollups the writes maintain, current as of the request. `built`: a rollup a job computed from
 * the raw rows; data that arrived after `builtAt` is not in it until the next build (about daily).
 */
export type RollupFreshness =
  | { source: 'live'; asOf: string }
  | { source: 'built'; builtAt: string; monthEnd: string };

export interface KpiReport {
  table: KpiTable;
  freshness: RollupFreshness;
}

interface KpiPlan {
  definition: KpiDefinition;
  groupable: readonly GroupKey[];
  family: 'activity' | 'cohort' | 'portfolio';
  query: (request: KpiReportRequest, runId: string) => KpiQuery;
  finish: (row: Row) => KpiResult;
}

const count = (row: Row, column: string) => Number(row[column] ?? 0);
const currencyOf = (row: Row) => String(row.currency);
const activityWindow = ({ window }: KpiReportRequest) => ({
  from: window.from,
  to: window.to,
  period: window.period,
});

const plans: Record<Exclude<KpiId, 'roll-rate'>, KpiPlan> = {
  'right-party-contact-rate': {
    definition: rightPartyContactRate,
    groupable: groupableBy.outcomes,
    family: 'activity',
    query: (r) => outcomeRollupQuery(r.tenantId, activityWindow(r), r.groupBy),
    finish: (row) =>
      rightPartyContactRateOf({
        visitsMade: count(row, 'visits'),
        rightPartyContacts: count(row, 'right_party'),
      }),
  },
  satisfaction: {
    definition: satisfaction,
    groupable: groupableBy.outcomes,
    family: 'activity',
    query: (r) => outcomeRollupQuery(r.tenantId, activityWindow(r), r.groupBy),
    finish: (row) => {
      const counts: SatisfactionCounts = {
        1: count(row, 's1'),
        2: count(row, 's2'),
        3: count(row, 's3'),
        4: count(row, 's4'),
        5: count(row, 's5'),
      };
      return satisfactionOf(counts);
    },
  },
  'far-check-in-rate': {
    definition: farCheckInRate,
    groupable: groupableBy.outcomes,
    family: 'activity',
    query: (r) => outcomeRollupQuery(r.tenantId, activityWindow(r), r.groupBy),
    finish: (row) => farCheckInRateOf({ measured: count(row, 'measured'), far: count(row, 'far') }),
  },
  'visits-per-agent-day': {
    definition: visitsPerAgentDay,
    groupable: groupableBy.agentDays,
    family: 'activity',
    query: (r) => agentDayRollupQuery(r.tenantId, activityWindow(r), r.groupBy),
    finish: (row) =>
      visitsPerAgentDayOf({ agentDays: count(row, 'agent_days'), agentVisits: count(row, 'agent_visits') }),
  },
  'promise-kept-rate': {
    definition: promiseKeptRate,
    groupable: groupableBy.promises,
    family: 'activity',
    query: (r) => promiseRollupQuery(r.tenantId, activityWindow(r), r.groupBy),
    finish: (row) =>
      promiseKeptRateOf({
        promisesDue: count(row, 'promises_due'),
        promisesKept: count(row, 'promises_kept'),
      }),
  },
  'cure-rate': {
    definition: cureRate,
    groupable: groupableBy.cohort,
    family: 'cohort',
    query: (r, runId) =>
      cohortRollupQuery(runId, r.window.from, r.window.to, r.groupBy, r.costPerVisitMinor, false),
    finish: (row) =>
      cureRateOf({ delinquentAtStart: count(row, 'delinquent_at_start'), cured: count(row, 'cured') }),
  },
  'recovery-rate': {
    definition: recoveryRate,
    groupable: groupableBy.cohort,
    family: 'cohort',
    query: (r, runId) =>
      cohortRollupQuery(runId, r.window.from, r.window.to, r.groupBy, r.costPerVisitMinor, true),
    finish: (row) =>
      recoveryRateOf({
        currency: currencyOf(row),
        overdueAtStartMinor: count(row, 'overdue_at_start'),
        collectedMinor: count(row, 'collected'),
      }),
  },
  'cost-per-cured-case': {
    definition: costPerCuredCase,
    groupable: groupableBy.cohort,
    family: 'cohort',
    query: (r, runId) =>
      cohortRollupQuery(runId, r.window.from, r.window.to, r.groupBy, r.costPerVisitMinor, true),
    finish: (row) =>
      costPerCuredCaseOf({
        currency: currencyOf(row),
        costMinor: count(row, 'cost'),
        curedCases: count(row, 'cured_visited'),
      }),
  },
  'overdue-rate.count': {
    definition: overdueRateCount,
    groupable: groupableBy.portfolio,
    family: 'portfolio',
    query: (r, runId) => portfolioRollupQuery(runId, r.window.to, r.groupBy, false),
    finish: (row) =>
      overdueRateByCount({
        accounts: count(row, 'accounts'),
        overdueAccounts: count(row, 'overdue_accounts'),
      }),
  },
  'overdue-rate.amount': {
    definition: overdueRateAmount,
    groupable: groupableBy.portfolio,
    family: 'portfolio',
    query: (r, runId) => portfolioRollupQuery(runId, r.window.to, r.groupBy, true),
    finish: (row) =>
      overdueRateByAmount({
        currency: currencyOf(row),
        outstandingMinor: count(row, 'outstanding'),
        overdueOutstandingMinor: count(row, 'overdue_outstanding'),
      }),
  },
};

/** Group keys a KPI can be broken down by in D1 (a subset of the definition's, see docs/kpis.md). */
export function groupKeysFor(kpi: KpiId): readonly GroupKey[] {
  return kpi === 'roll-rate' ? [] : plans[kpi].groupable;
}

function groupOf(row: Row, groupBy: readonly GroupKey[]): GroupValues {
  const group: GroupValues = {};
  for (const key of groupBy) group[key] = String(row[`g_${key}`]);
  return group;
}

async function all(db: D1Database, query: KpiQuery): Promise<Row[]> {
  const result = await db
    .prepare(query.sql)
    .bind(...query.binds)
    .all<Row>();
  return result.results;
}

const invalid = (path: '/from' | '/to', message: string) =>
  new ApiError('REQUEST.INVALID', message, { errors: [{ path, in: 'query', message }] });

/**
 * A cohort window's start must be a month end and its end within the 12 month ends after it: cohorts
 * are built per month end, which is also how collections teams compare them (monthly vintages).
 */
export function cohortMonthEnd(window: Pick<ReportWindow, 'from' | 'to'>): string {
  if (!isMonthEnd(window.from)) {
    const before = monthEndOnOrBefore(window.from);
    throw invalid(
      '/from',
      `Cohorts start at a month end (rollups are built per month end): use ${before} or ${monthEndsAfter(before, 1)[0]}.`,
    );
  }
  const horizonEnd = monthEndsAfter(window.from, HORIZON_MONTHS).at(-1)!;
  if (window.to <= window.from || window.to > horizonEnd) {
    throw invalid('/to', `A cohort starting ${window.from} is followed after it through ${horizonEnd}.`);
  }
  return window.from;
}

/** Roll rates compare a month end with a day up to the next month end, or with a later month end. */
function rollTarget(window: Pick<ReportWindow, 'from' | 'to'>): { monthEnd: string; atMonthEnd: boolean } {
  const monthEnd = cohortMonthEnd(window);
  const [next] = monthEndsAfter(monthEnd, 1);
  if (window.to > next! && !isMonthEnd(window.to)) {
    throw invalid(
      '/to',
      `After ${next}, roll rates are kept at month ends: use ${monthEndOnOrBefore(window.to)}.`,
    );
  }
  return { monthEnd, atMonthEnd: isMonthEnd(window.to) };
}

const built = (monthEnd: string, builtAt: number): RollupFreshness => ({
  source: 'built',
  builtAt: toInstant(builtAt),
  monthEnd,
});

export async function kpiReport(
  db: D1Database,
  rollups: RollupSource,
  request: KpiReportRequest,
  now: number,
): Promise<KpiReport> {
  if (request.kpi === 'roll-rate') {
    const target = rollTarget(request.window);
    const head = await rollups.head('cohort', '', target.monthEnd);
    const counts = (await all(db, rollRollupQuery(head.runId, request.window.to, target.atMonthEnd))).map(
      (row) =>
        ({ from: row.from_bucket, to: row.to_bucket, accounts: count(row, 'accounts') }) as TransitionCount,
    );
    return {
      table: kpiTable(
        rollRate,
        [],
        rollRateMatrix(counts).map((result) => ({ group: {}, result })),
      ),
      freshness: built(target.monthEnd, head.builtAt),
    };
  }
  const plan = plans[request.kpi];
  let runId = '';
  let freshness: RollupFreshness = { source: 'live', asOf: toInstant(now) };
  if (plan.family !== 'activity') {
    const monthEnd =
      plan.family === 'cohort' ? cohortMonthEnd(request.window) : monthEndOnOrBefore(request.window.to);
    const head = await rollups.head('cohort', '', monthEnd);
    runId = head.runId;
    freshness = built(monthEnd, head.builtAt);
  }
  const rows = await all(db, plan.query(request, runId));
  const tableRows: KpiTableRow[] = rows.map((row) => ({
    group: groupOf(row, request.groupBy),
    result: plan.finish(row),
  }));
  // With no rows an ungrouped KPI still answers, with a zero denominator and a null value (amount KPIs
  // have no currency to answer in, so they answer with no rows).
  const inCurrency = plan.definition.unit === 'money-rate' || plan.definition.unit === 'money-per-case';
  if (tableRows.length === 0 && request.groupBy.length === 0 && !inCurrency) {
    tableRows.push({ group: {}, result: plan.finish({}) });
  }
  return { table: kpiTable(plan.definition, request.groupBy, tableRows), freshness };
}

export const reportableKpis = [...kpiDefinitionsById.keys()];

/** The effect report's window, like a cohort's: from a month end, through at most 12 month ends later. */
export const effectMonthEnd = (window: Pick<ReportWindow, 'from' | 'to'>) => cohortMonthEnd(window);
