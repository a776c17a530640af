import { instantiatePolicy, type ScreeningInput } from '@doorstep/core';
import { aScreeningInput as anInput } from '@doorstep/core/testing';
import { describe, expect, it } from 'vitest';
import { riskScore } from './risk-score';

const aScreeningInput = (): ScreeningInput => anInput({ now: '2026-10-12T01:00:00.000Z', region: null });

const made = instantiatePolicy(riskScore, { maxPoints: 20 });
if (!made.ok) throw new Error('risk-score does not start');
const { screen } = made.value.fns;

const risk = {
  model: 'credit-default-gbm@1.0.0',
  probability: 0.62,
  band: 'severe',
  latestStatement: '2026-09',
  reasons: [
    {
      code: 'risk.delay',
      data: { late: '2 months', month: 'September 2026' },
      message: 'Paid 2 months late in September 2026',
    },
  ],
};

describe('risk-score: screening that reads the early-warning score', () => {
  it.each([
    [
      risk,
      12.4,
      [
        'Risk model credit-default-gbm@1.0.0: 62% likely to miss the next payment (severe) scores 12.4/20',
        'Risk model’s top reason: Paid 2 months late in September 2026',
      ],
    ],
    [
      { ...risk, probability: 0.05, reasons: [] },
      1,
      ['Risk model credit-default-gbm@1.0.0: 5% likely to miss the next payment (severe) scores 1/20'],
    ],
    [null, 0, ['No early-warning score for this account: scores 0/20']],
    [undefined, 0, ['No early-warning score for this account: scores 0/20']],
  ])('risk %o → %f points', (fact, points, messages) => {
    const input: ScreeningInput = { ...aScreeningInput(), ...(fact === undefined ? {} : { risk: fact }) };
    const verdict = screen(input);
    expect(verdict).toMatchObject({ eligible: true, score: points });
    expect(verdict.reasons.map((r) => r.message)).toEqual(messages);
  });
});
