import { readFileSync } from 'node:fs';
import {
  EARLY_WARNING_ACTIONS,
  instantiatePolicy,
  type RiskAssessment,
  type RiskModelFunctions,
  type Statement,
} from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import artifactJson from '../model/credit-default-gbm.json';
import { parseArtifact } from './artifact';
import { creditDefaultGbm } from './credit-default-gbm';
import { CREDIT_DEFAULT_PERIODS, isTestRow, parseCreditDefault } from './dataset';
import { HISTORY_MONTHS, RAW_BALANCE, RAW_LIMIT, RAW_PAYMENT, RAW_STATUS, RAW_WIDTH } from './history';
import { compileRiskModel } from './scorer';

const csv = readFileSync(
  new URL('../../../../shared/datasets/credit-default/credit-default.csv', import.meta.url),
  'utf8',
);
const rows = parseCreditDefault(csv, (id) => !isTestRow(id) && id <= 400);
const compiled = compileRiskModel(parseArtifact(artifactJson));
const now = '2005-10-05T00:00:00.000Z';

const make = (options: Record<string, unknown> = {}): RiskModelFunctions => {
  const made = instantiatePolicy(creditDefaultGbm, options);
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  return made.value.fns;
};
const model = make();

const statusOf = (code: number): Statement['status'] =>
  code === -2
    ? { kind: 'no_activity' }
    : code === -1
      ? { kind: 'paid_in_full' }
      : code === 0
        ? { kind: 'revolving' }
        : { kind: 'late', monthsLate: code };

/** A data-set row as the statements a bank would send, in TWD minor units (cents). */
const statementsOf = (r: number, currency = 'TWD', perUnit = 100): Statement[] => {
  const base = r * RAW_WIDTH;
  return Array.from({ length: HISTORY_MONTHS }, (_, k) => ({
    period: CREDIT_DEFAULT_PERIODS[k]!,
    currency,
    limitMinor: Math.round(rows.raw[base + RAW_LIMIT]! * perUnit),
    balanceMinor: Math.round(rows.raw[base + RAW_BALANCE + k]! * perUnit),
    minimumDueMinor: 0,
    paymentMinor: Math.round(rows.raw[base + RAW_PAYMENT + k]! * perUnit),
    status: statusOf(rows.raw[base + RAW_STATUS + k]!),
  }));
};

const scored = (a: RiskAssessment) => {
  if (!a.scored) throw new Error(a.reasons[0]?.message);
  return a;
};

describe('credit-default-gbm, the risk-model plugin', () => {
  it('scores statements exactly as the compiled model scores the same data-set row', () => {
    for (let r = 0; r < rows.ids.length; r++) {
      const a = scored(model.assess({ now, statements: statementsOf(r) }));
      expect(a.probability).toBe(compiled.probability(rows.raw, r * RAW_WIDTH));
      expect(a).toMatchObject({ modelId: 'credit-default-gbm', modelVersion: artifactJson.version });
    }
  });

  it('is deterministic: the same history gives the same assessment', () => {
    const history = { now, statements: statementsOf(0) };
    expect(model.assess(history)).toEqual(model.assess(history));
  });

  it('names the reasons in the customer’s currency and months', () => {
    const a = scored(model.assess({ now, statements: statementsOf(0) }));
    expect(a.reasons.length).toBeGreaterThan(0);
    expect(a.reasons.length).toBeLessThanOrEqual(4);
    expect(a.reasons.map((r) => r.message)).toContain('Paid 2 months late in September 2005');
  });

  it.each([
    [
      'five statements',
      (s: Statement[]) => s.slice(0, 5),
      'Not scored: 5 monthly statements, the model needs 6',
    ],
    [
      'a missing month',
      (s: Statement[]) => [s[0]!, ...s.slice(2), { ...s[5]!, period: '2005-03' }],
      'Not scored: statement 2005-08 is missing before 2005-07',
    ],
    [
      'a currency without a scale',
      (s: Statement[]) => s.map((x) => ({ ...x, currency: 'EUR' })),
      'Not scored: no amount scale for EUR in the policy options',
    ],
  ])('does not guess on %s', (_name, change, message) => {
    const a = model.assess({ now, statements: change(statementsOf(0)) });
    expect(a.scored).toBe(false);
    expect(a.reasons.map((r) => r.message)).toEqual([message]);
    expect(model.decide(a)).toEqual({
      action: 'none',
      reasons: [expect.objectContaining({ message: 'No early warning without a score' })],
    });
  });

  it('scores another currency through its configured scale', () => {
    const cny = make({ amountScale: { CNY: 4.5 } });
    // 1 CNY = 4.5 model units (TWD): the same history in CNY scores as it does in TWD.
    const inCny = statementsOf(3, 'CNY', 100 / 4.5);
    const a = scored(cny.assess({ now, statements: inCny }));
    expect(a.probability).toBeCloseTo(compiled.probability(rows.raw, 3 * RAW_WIDTH), 3);
  });

  it.each([
    [0.62, 'call', 'Probability 0.62 >= call threshold 0.5'],
    [0.5, 'call', 'Probability 0.5 >= call threshold 0.5'],
    [0.31, 'reminder', 'Probability 0.31 >= reminder threshold 0.25'],
    [0.1, 'none', 'Probability 0.1 < reminder threshold 0.25'],
  ])('probability %f → %s', (probability, action, message) => {
    const a: RiskAssessment = {
      modelId: 'credit-default-gbm',
      modelVersion: '1.0.0',
      scored: true,
      probability,
      band: 'x',
      reasons: [],
    };
    expect(model.decide(a)).toEqual({ action, reasons: [expect.objectContaining({ message })] });
  });

  it('never sends a visit before an account is overdue: reminders and calls are all an early warning can ask for', () => {
    expect(EARLY_WARNING_ACTIONS).toEqual(['none', 'reminder', 'call']);
    for (let r = 0; r < rows.ids.length; r++)
      expect(EARLY_WARNING_ACTIONS).toContain(
        model.decide(model.assess({ now, statements: statementsOf(r) })).action,
      );
  });

  it('refuses a call threshold below the reminder threshold, with the option’s path', () => {
    const made = instantiatePolicy(creditDefaultGbm, { reminderFrom: 0.6, callFrom: 0.4 });
    expect(made.ok).toBe(false);
    if (!made.ok)
      expect(made.error[0]).toMatchObject({ code: 'OPTIONS.INVALID', path: ['options', 'callFrom'] });
  });

  it('reports stability against the training rows: the training rows themselves are stable', () => {
    const report = model.stability(Array.from(rows.ids, (_, r) => ({ now, statements: statementsOf(r) })));
    expect(report.population).toBe(rows.ids.length);
    expect(report.features.map((f) => f.name)).toEqual(artifactJson.features.map((f) => f.id));
    expect(report.score.level).toBe('stable');
  });
});
