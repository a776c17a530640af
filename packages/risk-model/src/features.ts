import type { ReasonData } from '@doorstep/core';
import { HISTORY_MONTHS, RAW_BALANCE, RAW_LIMIT, RAW_PAYMENT, RAW_STATUS } from './history';

/**
 * Every feature a model artifact may use, in words. A reason says what this customer's history
 * shows for the feature, so the person reading it can check it against their statements.
 */
export const FEATURE_REASONS = {
  'risk.limit': 'Credit limit of {amount}',
  'risk.delay': 'Paid {late} late in {month}',
  'risk.delay-none': 'Not late in {month}',
  'risk.late-months': 'Late in {count} of the last {months} months',
  'risk.max-delay': 'Up to {late} late in the last {months} months',
  'risk.recent-delay': 'Up to {late} late in the last 2 months',
  'risk.paid-in-full': 'Paid the balance in full in {count} of the last {months} months',
  'risk.unused': 'Card unused in {count} of the last {months} months',
  'risk.revolving':
    'Paid at least the minimum but not the whole balance in {count} of the last {months} months',
  'risk.utilisation': 'Balance at {percent}% of the limit in {month}',
  'risk.utilisation-max': 'Balance reached {percent}% of the limit in the last {months} months',
  'risk.utilisation-mean': 'Balance averaged {percent}% of the limit over the last {months} months',
  'risk.utilisation-trend': 'Balance went from {from}% to {to}% of the limit between {first} and {month}',
  'risk.payment-ratio': 'Paid {percent}% of the {previous} balance in {month}',
  'risk.payment-ratio-all': 'Paid {percent}% of the balances billed over the last {count} months',
  'risk.payment': 'Paid {amount} in {month}',
  'risk.payment-mean': 'Paid {amount} a month on average',
  'risk.balance': 'Balance of {amount} in {month}',
  'risk.credit-balance': 'Credit balance of {amount} in {month}',
  'risk.unpaid-months': 'Paid nothing against a balance in {count} of the last {months} months',
  'risk.headroom': '{amount} of the limit left unused in {month}',
  'risk.over-limit': 'Balance {amount} over the limit in {month}',
} as const;
export type FeatureReasonCode = keyof typeof FEATURE_REASONS;

/** What words need beyond the raw numbers: month names and amounts in the customer's currency. */
export interface WordingContext {
  /** Newest first, e.g. `September 2005`. */
  months: readonly string[];
  /** An amount in the model's unit, written in the account's currency. */
  amount(units: number): string;
}

type Worded = {
  [C in FeatureReasonCode]: { code: C; data: ReasonData<(typeof FEATURE_REASONS)[C]> };
}[FeatureReasonCode];

export interface FeatureDefinition {
  id: string;
  /** What the feature measures, for the model card. */
  describes: string;
  words(raw: Float64Array, base: number, ctx: WordingContext): Worded;
}

const pct = (x: number): number => Math.round(x * 100);
const lateText = (months: number): string => (months === 1 ? '1 month' : `${months} months`);
const limitOf = (raw: Float64Array, b: number): number => Math.max(raw[b + RAW_LIMIT]!, 1);
const status = (raw: Float64Array, b: number, k: number): number => raw[b + RAW_STATUS + k]!;
const balance = (raw: Float64Array, b: number, k: number): number => raw[b + RAW_BALANCE + k]!;
const payment = (raw: Float64Array, b: number, k: number): number => raw[b + RAW_PAYMENT + k]!;
const delay = (raw: Float64Array, b: number, k: number): number => Math.max(status(raw, b, k), 0);
const count = (raw: Float64Array, b: number, test: (s: number) => boolean): number => {
  let n = 0;
  for (let k = 0; k < HISTORY_MONTHS; k++) if (test(status(raw, b, k))) n++;
  return n;
};
const maxDelay = (raw: Float64Array, b: number, months: number): number => {
  let m = 0;
  for (let k = 0; k < months; k++) m = Math.max(m, delay(raw, b, k));
  return m;
};
const M = HISTORY_MONTHS;

const delayMonth = (k: number): FeatureDefinition => ({
  id: `delayMonths${k}`,
  describes: `months late at statement ${k} (0 = newest; 0 when not late)`,
  words: (raw, b, ctx) => {
    const d = delay(raw, b, k);
    const month = ctx.months[k]!;
    return d > 0
      ? { code: 'risk.delay', data: { late: lateText(d), month } }
      : { code: 'risk.delay-none', data: { month } };
  },
});

const utilisationMonth = (k: number): FeatureDefinition => ({
  id: `utilisation${k}`,
  describes: `balance ÷ limit at statement ${k}`,
  words: (raw, b, ctx) => ({
    code: 'risk.utilisation',
    data: { percent: pct(balance(raw, b, k) / limitOf(raw, b)), month: ctx.months[k]! },
  }),
});

const paymentRatioMonth = (k: number): FeatureDefinition => ({
  id: `paymentRatio${k}`,
  describes: `payment in month ${k} ÷ the previous statement's balance`,
  words: (raw, b, ctx) => ({
    code: 'risk.payment-ratio',
    data: {
      percent: pct(payment(raw, b, k) / Math.max(balance(raw, b, k + 1), 1)),
      previous: ctx.months[k + 1]!,
      month: ctx.months[k]!,
    },
  }),
});

const paymentMonth = (k: number): FeatureDefinition => ({
  id: `payment${k}`,
  describes: `amount paid in month ${k}`,
  words: (raw, b, ctx) => ({
    code: 'risk.payment',
    data: { amount: ctx.amount(payment(raw, b, k)), month: ctx.months[k]! },
  }),
});

/** The catalogue, in the order `computeFeatures` writes them (and the trainer's FEATURES list). */
export const FEATURES: readonly FeatureDefinition[] = [
  {
    id: 'creditLimit',
    describes: 'credit limit',
    words: (raw, b, ctx) => ({ code: 'risk.limit', data: { amount: ctx.amount(raw[b + RAW_LIMIT]!) } }),
  },
  ...Array.from({ length: M }, (_, k) => delayMonth(k)),
  {
    id: 'lateMonths',
    describes: 'months late (status ≥ 1) among the last six',
    words: (raw, b) => ({
      code: 'risk.late-months',
      data: { count: count(raw, b, (s) => s >= 1), months: M },
    }),
  },
  {
    id: 'maxDelay',
    describes: 'most months late in the last six',
    words: (raw, b) => ({ code: 'risk.max-delay', data: { late: lateText(maxDelay(raw, b, M)), months: M } }),
  },
  {
    id: 'recentDelay',
    describes: 'most months late in the last two',
    words: (raw, b) => ({ code: 'risk.recent-delay', data: { late: lateText(maxDelay(raw, b, 2)) } }),
  },
  {
    id: 'paidInFullMonths',
    describes: 'months paid in full among the last six',
    words: (raw, b) => ({
      code: 'risk.paid-in-full',
      data: { count: count(raw, b, (s) => s === -1), months: M },
    }),
  },
  {
    id: 'unusedMonths',
    describes: 'months without card use among the last six',
    words: (raw, b) => ({ code: 'risk.unused', data: { count: count(raw, b, (s) => s === -2), months: M } }),
  },
  {
    id: 'revolvingMonths',
    describes: 'months revolving (minimum paid, balance carried) among the last six',
    words: (raw, b) => ({
      code: 'risk.revolving',
      data: { count: count(raw, b, (s) => s === 0), months: M },
    }),
  },
  ...Array.from({ length: 3 }, (_, k) => utilisationMonth(k)),
  {
    id: 'utilisationMax',
    describes: 'highest balance ÷ limit in the last six statements',
    words: (raw, b) => {
      let u = -Infinity;
      for (let k = 0; k < M; k++) u = Math.max(u, balance(raw, b, k) / limitOf(raw, b));
      return { code: 'risk.utilisation-max', data: { percent: pct(u), months: M } };
    },
  },
  {
    id: 'utilisationMean',
    describes: 'mean balance ÷ limit over the last six statements',
    words: (raw, b) => {
      let u = 0;
      for (let k = 0; k < M; k++) u += balance(raw, b, k) / limitOf(raw, b);
      return { code: 'risk.utilisation-mean', data: { percent: pct(u / M), months: M } };
    },
  },
  {
    id: 'utilisationTrend',
    describes: 'balance ÷ limit now minus six statements ago',
    words: (raw, b, ctx) => ({
      code: 'risk.utilisation-trend',
      data: {
        from: pct(balance(raw, b, M - 1) / limitOf(raw, b)),
        to: pct(balance(raw, b, 0) / limitOf(raw, b)),
        first: ctx.months[M - 1]!,
        month: ctx.months[0]!,
      },
    }),
  },
  ...Array.from({ length: 3 }, (_, k) => paymentRatioMonth(k)),
  {
    id: 'paymentRatioAll',
    describes: 'payments of the last five months ÷ the balances they paid',
    words: (raw, b) => {
      let paid = 0;
      let billed = 0;
      for (let k = 0; k < M - 1; k++) paid += payment(raw, b, k);
      for (let k = 1; k < M; k++) billed += balance(raw, b, k);
      return {
        code: 'risk.payment-ratio-all',
        data: { percent: pct(paid / Math.max(billed, 1)), count: M - 1 },
      };
    },
  },
  paymentMonth(0),
  paymentMonth(1),
  {
    id: 'paymentMean',
    describes: 'mean monthly payment over six months',
    words: (raw, b, ctx) => {
      let paid = 0;
      for (let k = 0; k < M; k++) paid += payment(raw, b, k);
      return { code: 'risk.payment-mean', data: { amount: ctx.amount(paid / M) } };
    },
  },
  {
    id: 'balance0',
    describes: 'newest statement balance',
    words: (raw, b, ctx) => {
      const owed = balance(raw, b, 0);
      const month = ctx.months[0]!;
      return owed >= 0
        ? { code: 'risk.balance', data: { amount: ctx.amount(owed), month } }
        : { code: 'risk.credit-balance', data: { amount: ctx.amount(-owed), month } };
    },
  },
  {
    id: 'unpaidMonths',
    describes: 'months with nothing paid against a positive balance, of the last five',
    words: (raw, b) => {
      let n = 0;
      for (let k = 0; k < M - 1; k++) if (payment(raw, b, k) === 0 && balance(raw, b, k + 1) > 0) n++;
      return { code: 'risk.unpaid-months', data: { count: n, months: M - 1 } };
    },
  },
  {
    id: 'headroom',
    describes: 'limit minus the newest balance',
    words: (raw, b, ctx) => {
      const left = raw[b + RAW_LIMIT]! - balance(raw, b, 0);
      const month = ctx.months[0]!;
      return left >= 0
        ? { code: 'risk.headroom', data: { amount: ctx.amount(left), month } }
        : { code: 'risk.over-limit', data: { amount: ctx.amount(-left), month } };
    },
  },
];

export const FEATURE_COUNT = FEATURES.length;

/**
 * Writes every catalogue feature of the row at `base` into `out`. The same IEEE-754 operations in
 * the same order as the trainer (`scripts/model/train.py`), so values on a threshold fall the same
 * way in both. Unrolled because it runs once per account per day for a whole portfolio.
 */
export function computeFeatures(raw: Float64Array, base: number, out: Float64Array): void {
  const limit = raw[base + RAW_LIMIT]!;
  const lim = Math.max(limit, 1);
  const s0 = raw[base + RAW_STATUS]!;
  const s1 = raw[base + RAW_STATUS + 1]!;
  const s2 = raw[base + RAW_STATUS + 2]!;
  const s3 = raw[base + RAW_STATUS + 3]!;
  const s4 = raw[base + RAW_STATUS + 4]!;
  const s5 = raw[base + RAW_STATUS + 5]!;
  const b0 = raw[base + RAW_BALANCE]!;
  const b1 = raw[base + RAW_BALANCE + 1]!;
  const b2 = raw[base + RAW_BALANCE + 2]!;
  const b3 = raw[base + RAW_BALANCE + 3]!;
  const b4 = raw[base + RAW_BALANCE + 4]!;
  const b5 = raw[base + RAW_BALANCE + 5]!;
  const p0 = raw[base + RAW_PAYMENT]!;
  const p1 = raw[base + RAW_PAYMENT + 1]!;
  const p2 = raw[base + RAW_PAYMENT + 2]!;
  const p3 = raw[base + RAW_PAYMENT + 3]!;
  const p4 = raw[base + RAW_PAYMENT + 4]!;
  const p5 = raw[base + RAW_PAYMENT + 5]!;
  const d0 = Math.max(s0, 0);
  const d1 = Math.max(s1, 0);
  const d2 = Math.max(s2, 0);
  const d3 = Math.max(s3, 0);
  const d4 = Math.max(s4, 0);
  const d5 = Math.max(s5, 0);
  const u0 = b0 / lim;
  const u1 = b1 / lim;
  const u2 = b2 / lim;
  const u3 = b3 / lim;
  const u4 = b4 / lim;
  const u5 = b5 / lim;
  out[0] = limit;
  out[1] = d0;
  out[2] = d1;
  out[3] = d2;
  out[4] = d3;
  out[5] = d4;
  out[6] = d5;
  out[7] = +(s0 >= 1) + +(s1 >= 1) + +(s2 >= 1) + +(s3 >= 1) + +(s4 >= 1) + +(s5 >= 1);
  out[8] = Math.max(d0, d1, d2, d3, d4, d5);
  out[9] = Math.max(d0, d1);
  out[10] = +(s0 === -1) + +(s1 === -1) + +(s2 === -1) + +(s3 === -1) + +(s4 === -1) + +(s5 === -1);
  out[11] = +(s0 === -2) + +(s1 === -2) + +(s2 === -2) + +(s3 === -2) + +(s4 === -2) + +(s5 === -2);
  out[12] = +(s0 === 0) + +(s1 === 0) + +(s2 === 0) + +(s3 === 0) + +(s4 === 0) + +(s5 === 0);
  out[13] = u0;
  out[14] = u1;
  out[15] = u2;
  out[16] = Math.max(u0, u1, u2, u3, u4, u5);
  out[17] = (u0 + u1 + u2 + u3 + u4 + u5) / 6;
  out[18] = u0 - u5;
  out[19] = p0 / Math.max(b1, 1);
  out[20] = p1 / Math.max(b2, 1);
  out[21] = p2 / Math.max(b3, 1);
  out[22] = (p0 + p1 + p2 + p3 + p4) / Math.max(b1 + b2 + b3 + b4 + b5, 1);
  out[23] = p0;
  out[24] = p1;
  out[25] = (p0 + p1 + p2 + p3 + p4 + p5) / 6;
  out[26] = b0;
  out[27] =
    +(p0 === 0 && b1 > 0) +
    +(p1 === 0 && b2 > 0) +
    +(p2 === 0 && b3 > 0) +
    +(p3 === 0 && b4 > 0) +
    +(p4 === 0 && b5 > 0);
  out[28] = limit - b0;
}
