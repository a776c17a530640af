import { assertCurrency, assertMinorUnits } from '../money';

/** Dimensions a KPI table can be broken down by. */
export const groupKeys = ['period', 'region', 'agency', 'agent', 'bucket', 'lesson', 'language'] as const;
export type GroupKey = (typeof groupKeys)[number];

/**
 * How the dates of a KPI are read. All dates are local business dates (`YYYY-MM-DD`) of the tenant.
 * - `as-of`: the state of each account at the end of one date (its latest snapshot on or before it).
 * - `cohort`: the population is fixed at the end of the start date; outcomes count in (start, end].
 * - `activity`: events dated inside [start, end], both ends included.
 * - `transition`: the state at the end of the `from` date against the state at the end of the `to` date.
 */
export type WindowKind = 'as-of' | 'cohort' | 'activity' | 'transition';

export interface KpiDefinition<Id extends string = string> {
  id: Id;
  title: string;
  /** What is counted or summed above the line, in plain words. */
  numerator: string;
  /** What it is divided by, in plain words. */
  denominator: string;
  window: { kind: WindowKind; rule: string };
  /** `rate` is a share in [0, 1]; `money-rate` the same of amounts; the others are averages. */
  unit: 'rate' | 'money-rate' | 'mean-score' | 'per-agent-day' | 'money-per-case';
  groupBy: readonly GroupKey[];
}

/**
 * One computed KPI value. `value` is `null`, never NaN, when the denominator is 0. Money KPIs carry their
 * currency and have numerator and denominator in minor units.
 */
export interface KpiResult<Id extends string = string> {
  definitionId: Id;
  numerator: number;
  denominator: number;
  value: number | null;
  currency: string | null;
}

function assertCount(count: number, what: string): void {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`${what} must be a count, got ${count}`);
}

/** numerator ÷ denominator for counts where the numerator is a subset of the denominator. */
export function countRate<Id extends string>(
  definitionId: Id,
  numerator: number,
  denominator: number,
): KpiResult<Id> {
  assertCount(numerator, `${definitionId} numerator`);
  assertCount(denominator, `${definitionId} denominator`);
  // A numerator above its denominator means the aggregate query counted something twice.
  if (numerator > denominator) {
    throw new RangeError(`${definitionId}: numerator ${numerator} exceeds denominator ${denominator}`);
  }
  return {
    definitionId,
    numerator,
    denominator,
    value: denominator === 0 ? null : numerator / denominator,
    currency: null,
  };
}

/** Amount ÷ amount of one currency, both in minor units, the first a part of the second. */
export function moneyRate<Id extends string>(
  definitionId: Id,
  numeratorMinor: number,
  denominatorMinor: number,
  currency: string,
): KpiResult<Id> {
  assertCurrency(currency);
  assertMinorUnits(numeratorMinor, `${definitionId} numerator`);
  assertMinorUnits(denominatorMinor, `${definitionId} denominator`);
  if (numeratorMinor < 0 || numeratorMinor > denominatorMinor) {
    throw new RangeError(`${definitionId}: need 0 ≤ ${numeratorMinor} ≤ ${denominatorMinor}`);
  }
  return {
    definitionId,
    numerator: numeratorMinor,
    denominator: denominatorMinor,
    value: denominatorMinor === 0 ? null : numeratorMinor / denominatorMinor,
    currency,
  };
}

/** An average per unit (visits per agent-day, score per response) where the numerator is unbounded. */
export function perUnit<Id extends string>(
  definitionId: Id,
  numerator: number,
  denominator: number,
  currency: string | null = null,
): KpiResult<Id> {
  if (currency === null) assertCount(numerator, `${definitionId} numerator`);
  else {
    assertCurrency(currency);
    assertMinorUnits(numerator, `${definitionId} numerator`);
  }
  assertCount(denominator, `${definitionId} denominator`);
  return {
    definitionId,
    numerator,
    denominator,
    value: denominator === 0 ? null : numerator / denominator,
    currency,
  };
}
