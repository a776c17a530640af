import { countRate, type KpiDefinition, type KpiResult } from './kpi';
import type { IsoDate } from './rows';

const DAY_MS = 86_400_000;

/** The two observation windows the programme reports: about 3 and about 6 months after the cure. */
export const RE_DEFAULT_WINDOWS = { '3m': 90, '6m': 180 } as const;
export type ReDefaultWindow = keyof typeof RE_DEFAULT_WINDOWS;

const definition = <Id extends string>(id: Id, days: number): KpiDefinition<Id> => ({
  id,
  title: `Re-default rate within ${days} days of a cure`,
  numerator: `cured cases whose customer had a new delinquency case opened within ${days} days after the cure`,
  denominator: `cases cured in the window whose ${days} days after the cure have all passed by the time of the report`,
  window: {
    kind: 'cohort',
    rule:
      `The cohort is the cases cured on a local date from the start through the end of the window; each is ` +
      `followed for ${days} × 24 hours from the instant of its cure. A new case of the same customer, on any ` +
      `account, opened after the cure and within that time is a re-default. A cure whose ${days} days have not ` +
      `all passed yet is left out of both counts (it is too young to judge), so recent windows shrink rather ` +
      `than look better. Period groups by the date of the cure.`,
  },
  unit: 'rate',
  groupBy: ['period', 'region', 'agency'],
});

export const reDefaultRate3m = definition('re-default-rate.3m', RE_DEFAULT_WINDOWS['3m']);
export const reDefaultRate6m = definition('re-default-rate.6m', RE_DEFAULT_WINDOWS['6m']);

/** A case that ended cured, as D1 holds it: the instant of the cure and its local date in the tenant zone. */
export interface CuredCase {
  caseId: string;
  customerId: string;
  curedAt: number;
  curedOn: IsoDate;
  regionId: string | null;
  agencyId: string | null;
}

/** Any case's opening: a new delinquency episode of a customer. */
export interface CaseOpening {
  customerId: string;
  openedAt: number;
}

export interface ReDefaultOutcome extends CuredCase {
  /** The whole observation window has passed by the report's instant. */
  observed: boolean;
  reDefaulted: boolean;
}

/** Each cure of the cohort `[from, to]` (local dates), followed for `days` and judged as of `asOfMs`. */
export function reDefaultOutcomes(input: {
  cures: readonly CuredCase[];
  openings: readonly CaseOpening[];
  from: IsoDate;
  to: IsoDate;
  days: number;
  asOfMs: number;
}): ReDefaultOutcome[] {
  const windowMs = input.days * DAY_MS;
  const openingsOf = new Map<string, number[]>();
  for (const { customerId, openedAt } of input.openings) {
    const list = openingsOf.get(customerId) ?? [];
    list.push(openedAt);
    openingsOf.set(customerId, list);
  }
  return input.cures
    .filter((cure) => cure.curedOn >= input.from && cure.curedOn <= input.to)
    .map((cure) => ({
      ...cure,
      observed: cure.curedAt + windowMs <= input.asOfMs,
      reDefaulted: (openingsOf.get(cure.customerId) ?? []).some(
        (openedAt) => openedAt > cure.curedAt && openedAt <= cure.curedAt + windowMs,
      ),
    }));
}

export interface ReDefaultAggregate {
  observedCures: number;
  reDefaulted: number;
}

export function aggregateReDefault(outcomes: readonly ReDefaultOutcome[]): ReDefaultAggregate {
  const observed = outcomes.filter((o) => o.observed);
  return { observedCures: observed.length, reDefaulted: observed.filter((o) => o.reDefaulted).length };
}

export function reDefaultRateOf<Id extends string>(
  kpi: KpiDefinition<Id>,
  aggregate: ReDefaultAggregate,
): KpiResult<Id> {
  return countRate(kpi.id, aggregate.reDefaulted, aggregate.observedCures);
}
