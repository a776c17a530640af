import { defineScreeningPolicy, z } from '@doorstep/core';

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Lets the screening of overdue cases use the early-warning score: adds points in proportion to the
 * account's latest probability of missing the next payment, with that score's top reason. It never
 * makes a case ineligible; the eligibility rules stay with the other screening plugins.
 */
export const riskScore = defineScreeningPolicy({
  id: 'risk-score',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'Adds up to `maxPoints` of priority in proportion to the latest early-warning probability of the ' +
      'case’s account, with its top reason; an account never scored adds nothing.',
  },
  reasons: {
    'risk.scored':
      'Risk model {model}: {percent}% likely to miss the next payment ({band}) scores {points}/{max}',
    'risk.top-reason': 'Risk model’s top reason: {message}',
    'risk.unscored': 'No early-warning score for this account: scores 0/{max}',
  },
  options: z.object({ maxPoints: z.number().positive().max(100) }),
  defaultOptions: { maxPoints: 20 },
  create: ({ maxPoints }, { reason }) => ({
    screen: ({ risk }) => {
      if (risk == null)
        return { eligible: true, score: 0, reasons: [reason('risk.unscored', { max: maxPoints })] };
      const points = round1(maxPoints * risk.probability);
      const scored = reason('risk.scored', {
        model: risk.model,
        percent: Math.round(risk.probability * 100),
        band: risk.band,
        points,
        max: maxPoints,
      });
      const top = risk.reasons[0];
      return {
        eligible: true,
        score: points,
        reasons: top === undefined ? [scored] : [scored, reason('risk.top-reason', { message: top.message })],
      };
    },
  }),
});
