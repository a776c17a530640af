/**
 * Runs a KPI's aggregate query over the rollups and finishes each group with `@doorstep/evaluation`,
 * producing the package's `KpiTable` (the same shape the reference implementation produces from plain
 * rows), with how fresh the rollups behind it are.
 *
 * Activity KPIs (outcomes, agent-days, promises) read rollups the writes keep exact, for any window.
 * Account KPIs read the rollup built for a month end E: cohort KPIs and roll rates start at a month end
 * and end within 12 months; overdue rates on any date read the month end before it.
 */
import { startOfLocalDay, toInstant } from '@doorstep/core';
import {
  costPerCuredCase,
  costPerCuredCaseOf,
  cureRate,
  cureRateOf,
  type EducationAggregate,
  educationCompletionRate,
  educationCompletionRateOf,
  educationQuizScore,
  educationQuizScoreOf,
  educationStartRate,
  educationStartRateOf,
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
  RE_DEFAULT_WINDOWS,
  recoveryRate,
  recoveryRateOf,
  reDefaultRate3m,
  reDefaultRate6m,
  reDefaultRateOf,
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
import { educationQuery, groupableBy, type KpiQuery, type ReportWindow, reDefaultQuery } from './kpi-sql';
import { offsetSegments } from './local-date-sql';
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
  /** The tenant's zone: cohorts by a local date of an instant (the day of a cure) need it. */
  timeZone: string;
  /** The instant the report is made: a re-default cohort counts only cures observed for long enough by then. */
  asOfMs: number;
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
  /**
   * Where the rows come from: rollups kept by writes (`activity`), the rollups built for a month end
   * (`cohort`, `portfolio`), or the raw rows (`raw`: the education and re-default KPIs, not in the rollup
   * scheme yet; their statements grow with the lessons or cures of the window).
   */
  family: 'activity' | 'raw' | 'cohort' | 'portfolio';
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

const DAY_MS = 86_400_000;

function reDefaultPlan(definition: typeof reDefaultRate3m | typeof reDefaultRate6m, days: number): KpiPlan {
  return {
    definition,
    groupable: groupableBy.reDefault,
    family: 'raw',
    query: (r) => {
      const fromStartMs = Date.parse(startOfLocalDay(r.window.from, r.timeZone));
      return reDefaultQuery(r.tenantId, r.window, r.groupBy, {
        fromStartMs,
        windowMs: days * DAY_MS,
        asOfMs: r.asOfMs,
        segments: offsetSegments(r.timeZone, fromStartMs, r.window.toEndMs),
      });
    },
    finish: (row) =>
      reDefaultRateOf(definition, {
        observedCures: count(row, 'observed_cures'),
        reDefaulted: count(row, 're_defaulted'),
      }),
  };
}

const educationAggregate = (row: Row): EducationAggregate => ({
  assigned: count(row, 'assigned'),
  started: count(row, 'started'),
  completed: count(row, 'completed'),
  quizCorrect: count(row, 'quiz_correct'),
  quizQuestions: count(row, 'quiz_questions'),
});

function educationPlan(
  definition: KpiDefinition,
  finish: (aggregate: EducationAggregate) => KpiResult,
): KpiPlan {
  return {
    definition,
    groupable: groupableBy.education,
    family: 'raw',
    query: (r) => educationQuery(r.tenantId, r.window, r.groupBy),
    finish: (row) => finish(educationAggregate(row)),
  };
}

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
  're-default-rate.3m': reDefaultPlan(reDefaultRate3m, RE_DEFAULT_WINDOWS['3m']),
  're-default-rate.6m': reDefaultPlan(reDefaultRate6m, RE_DEFAULT_WINDOWS['6m']),
  'education.start-rate': educationPlan(educationStartRate, educationStartRateOf),
  'education.completion-rate': educationPlan(educationCompletionRate, educationCompletionRateOf),
  'education.quiz-score': educationPlan(educationQuizScore, educationQuizScoreOf),
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
  let freshness: RollupFreshness = { source: 'live', asOf: toInstant(request.asOfMs) };
  if (plan.family === 'cohort' || plan.family === 'portfolio') {
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
