/**
 * Runs a KPI's aggregate query in D1 and finishes each group with `@doorstep/evaluation`, producing the
 * package's `KpiTable` (the same shape the reference implementation produces from plain rows).
 */

import { startOfLocalDay } from '@doorstep/core';
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
import {
  agentDayQuery,
  checkInDistanceQuery,
  cohortQuery,
  educationQuery,
  groupableBy,
  type KpiQuery,
  outcomeFactsQuery,
  portfolioQuery,
  promiseQuery,
  type ReportWindow,
  reDefaultQuery,
  rollRateQuery,
} from './kpi-sql';
import { offsetSegments } from './local-date-sql';

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

interface KpiPlan {
  definition: KpiDefinition;
  groupable: readonly GroupKey[];
  query: (request: KpiReportRequest) => KpiQuery;
  finish: (row: Row) => KpiResult;
}

const count = (row: Row, column: string) => Number(row[column] ?? 0);
const currencyOf = (row: Row) => String(row.currency);

const DAY_MS = 86_400_000;

function reDefaultPlan(definition: typeof reDefaultRate3m | typeof reDefaultRate6m, days: number): KpiPlan {
  return {
    definition,
    groupable: groupableBy.reDefault,
    query: (r) => {
      const fromStartMs = Date.parse(startOfLocalDay(r.window.from, r.timeZone));
      return reDefaultQuery(r.tenantId, r.window, r.groupBy, {
        fromStartMs,
        windowMs: days * DAY_MS,
        asOfMs: r.asOfMs,
        offsets: JSON.stringify(offsetSegments(fromStartMs, r.window.toEndMs, r.timeZone)),
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
    query: (r) => educationQuery(r.tenantId, r.window, r.groupBy),
    finish: (row) => finish(educationAggregate(row)),
  };
}

const plans: Record<Exclude<KpiId, 'roll-rate'>, KpiPlan> = {
  'right-party-contact-rate': {
    definition: rightPartyContactRate,
    groupable: groupableBy.outcomes,
    query: (r) => outcomeFactsQuery(r.tenantId, r.window, r.groupBy),
    finish: (row) =>
      rightPartyContactRateOf({
        visitsMade: count(row, 'visits'),
        rightPartyContacts: count(row, 'right_party'),
      }),
  },
  satisfaction: {
    definition: satisfaction,
    groupable: groupableBy.outcomes,
    query: (r) => outcomeFactsQuery(r.tenantId, r.window, r.groupBy),
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
    query: (r) => checkInDistanceQuery(r.tenantId, r.window, r.groupBy),
    finish: (row) => farCheckInRateOf({ measured: count(row, 'measured'), far: count(row, 'far') }),
  },
  'visits-per-agent-day': {
    definition: visitsPerAgentDay,
    groupable: groupableBy.agentDays,
    query: (r) => agentDayQuery(r.tenantId, r.window, r.groupBy),
    finish: (row) =>
      visitsPerAgentDayOf({ agentDays: count(row, 'agent_days'), agentVisits: count(row, 'agent_visits') }),
  },
  'cure-rate': {
    definition: cureRate,
    groupable: groupableBy.cohort,
    query: (r) => cohortQuery(r.tenantId, r.window, r.groupBy, r.costPerVisitMinor),
    finish: (row) =>
      cureRateOf({ delinquentAtStart: count(row, 'delinquent_at_start'), cured: count(row, 'cured') }),
  },
  'recovery-rate': {
    definition: recoveryRate,
    groupable: groupableBy.cohort,
    query: (r) => cohortQuery(r.tenantId, r.window, r.groupBy, r.costPerVisitMinor),
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
    query: (r) => cohortQuery(r.tenantId, r.window, r.groupBy, r.costPerVisitMinor),
    finish: (row) =>
      costPerCuredCaseOf({
        currency: currencyOf(row),
        costMinor: count(row, 'cost'),
        curedCases: count(row, 'cured_visited'),
      }),
  },
  'promise-kept-rate': {
    definition: promiseKeptRate,
    groupable: groupableBy.promises,
    query: (r) => promiseQuery(r.tenantId, r.window, r.groupBy),
    finish: (row) =>
      promiseKeptRateOf({
        promisesDue: count(row, 'promises_due'),
        promisesKept: count(row, 'promises_kept'),
      }),
  },
  'overdue-rate.count': {
    definition: overdueRateCount,
    groupable: groupableBy.portfolio,
    query: (r) => portfolioQuery(r.tenantId, r.window, r.groupBy),
    finish: (row) =>
      overdueRateByCount({
        accounts: count(row, 'accounts'),
        overdueAccounts: count(row, 'overdue_accounts'),
      }),
  },
  'overdue-rate.amount': {
    definition: overdueRateAmount,
    groupable: groupableBy.portfolio,
    query: (r) => portfolioQuery(r.tenantId, r.window, r.groupBy),
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

export async function kpiReport(db: D1Database, request: KpiReportRequest): Promise<KpiTable> {
  if (request.kpi === 'roll-rate') {
    const counts = (await all(db, rollRateQuery(request.tenantId, request.window))).map(
      (row) =>
        ({ from: row.from_bucket, to: row.to_bucket, accounts: count(row, 'accounts') }) as TransitionCount,
    );
    return kpiTable(
      rollRate,
      [],
      rollRateMatrix(counts).map((result) => ({ group: {}, result })),
    );
  }
  const plan = plans[request.kpi];
  const rows = await all(db, plan.query(request));
  const tableRows: KpiTableRow[] = rows.map((row) => ({
    group: groupOf(row, request.groupBy),
    result: plan.finish(row),
  }));
  // With no rows an ungrouped KPI still answers, with a zero denominator and a null value.
  if (tableRows.length === 0 && request.groupBy.length === 0 && plan.definition.unit !== 'money-rate') {
    tableRows.push({ group: {}, result: plan.finish({}) });
  }
  return kpiTable(plan.definition, request.groupBy, tableRows);
}

export const reportableKpis = [...kpiDefinitionsById.keys()];
