import {
  currencyExponent,
  previousPeriod,
  type RepaymentStatus,
  type Statement,
  type StatementPeriod,
} from '@doorstep/core';

/**
 * The model's input for one account, flat: `[limit, status × 6, balance × 6, payment × 6]`, index 0
 * of each group the newest month. Statuses use the card issuers' codes the model was trained on
 * (−2 no activity, −1 paid in full, 0 revolving, 1..9 months late); amounts are in the model's unit.
 * Flat numbers let the scorer read a whole portfolio from one Float64Array.
 */
export const HISTORY_MONTHS = 6;
export const RAW_WIDTH = 1 + 3 * HISTORY_MONTHS;
export const RAW_LIMIT = 0;
export const RAW_STATUS = 1;
export const RAW_BALANCE = RAW_STATUS + HISTORY_MONTHS;
export const RAW_PAYMENT = RAW_BALANCE + HISTORY_MONTHS;

/** The issuers' scale stops at nine or more months late. */
const MAX_STATUS = 9;

export const statusCode = (status: RepaymentStatus): number => {
  switch (status.kind) {
    case 'no_activity':
      return -2;
    case 'paid_in_full':
      return -1;
    case 'revolving':
      return 0;
    case 'late':
      return Math.min(status.monthsLate, MAX_STATUS);
  }
};

/** How many of the model's units one major unit of a currency is worth (e.g. `{ TWD: 1 }`). */
export type AmountScale = Readonly<Record<string, number>>;

export type HistoryProblem =
  | { code: 'history.too-short'; have: number; need: number }
  | { code: 'history.gap'; period: StatementPeriod; expected: StatementPeriod }
  | { code: 'history.currency'; currency: string };

export interface AccountHistory {
  raw: Float64Array;
  /** The statement months, newest first, for the reasons' words. */
  periods: StatementPeriod[];
  currency: string;
}

/**
 * The newest six consecutive monthly statements of an account as model input. A shorter history, a
 * missing month or a currency the model has no scale for is a problem to report, not a guess.
 */
export function historyOf(
  statements: readonly Statement[],
  scale: AmountScale,
): { ok: true; history: AccountHistory } | { ok: false; problem: HistoryProblem } {
  if (statements.length < HISTORY_MONTHS)
    return {
      ok: false,
      problem: { code: 'history.too-short', have: statements.length, need: HISTORY_MONTHS },
    };
  const newest = statements[0]!;
  const factor = scale[newest.currency];
  if (factor === undefined)
    return { ok: false, problem: { code: 'history.currency', currency: newest.currency } };
  const toUnits = factor / 10 ** currencyExponent(newest.currency);
  const raw = new Float64Array(RAW_WIDTH);
  const periods: StatementPeriod[] = [];
  raw[RAW_LIMIT] = newest.limitMinor * toUnits;
  for (let k = 0; k < HISTORY_MONTHS; k++) {
    const statement = statements[k]!;
    if (statement.currency !== newest.currency)
      return { ok: false, problem: { code: 'history.currency', currency: statement.currency } };
    if (k > 0) {
      const expected = previousPeriod(periods[k - 1]!);
      if (statement.period !== expected)
        return { ok: false, problem: { code: 'history.gap', period: statement.period, expected } };
    }
    periods.push(statement.period);
    raw[RAW_STATUS + k] = statusCode(statement.status);
    raw[RAW_BALANCE + k] = statement.balanceMinor * toUnits;
    raw[RAW_PAYMENT + k] = statement.paymentMinor * toUnits;
  }
  return { ok: true, history: { raw, periods, currency: newest.currency } };
}
