import { currencyExponent, defineRiskModelPolicy, formatMoney, z } from '@doorstep/core';
import artifactJson from '../model/credit-default-gbm.json';
import { parseArtifact } from './artifact';
import { bandOf, monthName, topFactors } from './explain';
import { FEATURE_REASONS } from './features';
import { historyOf } from './history';
import { compileRiskModel } from './scorer';
import { stabilityReport } from './stability';

const Probability = z.number().gt(0).lt(1);
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The early-warning model trained on the credit-default data (`pnpm model:train`): the probability
 * that a card customer misses next month's payment, from their last six statements, with the
 * features that raised it most in words, and the action it warrants before the account is overdue.
 */
export const creditDefaultGbm = defineRiskModelPolicy({
  id: 'credit-default-gbm',
  // Major = the artifact: a retrained artifact may score the same history differently.
  version: '2.0.0',
  contract: '2.0',
  docs: {
    description:
      'Probability of missing the next card payment from six monthly statements (boosted depth-2 trees ' +
      'under monotone constraints, compiled to lookup tables); top reasons in words; a reminder or a call ' +
      'above configurable probabilities, never a visit before the account is overdue.',
  },
  reasons: {
    ...FEATURE_REASONS,
    'history.too-short': 'Not scored: {have} monthly statements, the model needs {need}',
    'history.gap': 'Not scored: statement {expected} is missing before {period}',
    'history.currency': 'Not scored: no amount scale for {currency} in the policy options',
    'action.call': 'Probability {probability} >= call threshold {threshold}',
    'action.reminder': 'Probability {probability} >= reminder threshold {threshold}',
    'action.none': 'Probability {probability} < reminder threshold {threshold}',
    'action.unscored': 'No early warning without a score',
  },
  options: z
    .object({
      /** From this probability a customer who is not overdue gets a reminder. */
      reminderFrom: Probability,
      /** From this probability, a call instead. */
      callFrom: Probability,
      /** How many reasons an assessment carries. */
      topReasons: z.number().int().min(1).max(10),
      /**
       * Model units per major unit of each currency the tenant's accounts use. The model was trained
       * on whole New Taiwan dollars; an account in a currency without a scale is not scored.
       */
      amountScale: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()),
    })
    .refine((o) => o.callFrom >= o.reminderFrom, {
      message: 'callFrom must not be below reminderFrom',
      path: ['callFrom'],
    }),
  defaultOptions: { reminderFrom: 0.25, callFrom: 0.5, topReasons: 4, amountScale: { TWD: 1 } },
  create: ({ reminderFrom, callFrom, topReasons, amountScale }, { reason }) => {
    const model = compileRiskModel(parseArtifact(artifactJson));
    const by = { modelId: model.artifact.id, modelVersion: model.artifact.version };
    const nF = model.artifact.features.length;
    return {
      assess: ({ statements }) => {
        const found = historyOf(statements, amountScale);
        if (!found.ok) {
          const p = found.problem;
          const why =
            p.code === 'history.too-short'
              ? reason(p.code, { have: p.have, need: p.need })
              : p.code === 'history.gap'
                ? reason(p.code, { period: p.period, expected: p.expected })
                : reason(p.code, { currency: p.currency });
          return { ...by, scored: false, reasons: [why] };
        }
        const { raw, periods, currency } = found.history;
        // Amounts in reasons go back from model units to the account's own currency.
        const toMinor = 10 ** currencyExponent(currency) / amountScale[currency]!;
        const probability = model.probability(raw);
        const factors = topFactors(
          model,
          raw,
          0,
          {
            months: periods.map(monthName),
            amount: (units) => formatMoney(Math.round(units * toMinor), currency),
          },
          topReasons,
        );
        return {
          ...by,
          scored: true,
          probability,
          band: bandOf(model, probability),
          reasons: factors.map((f) => f.reason),
        };
      },
      decide: (assessment) => {
        if (!assessment.scored) return { action: 'none', reasons: [reason('action.unscored', {})] };
        const probability = round3(assessment.probability);
        if (assessment.probability >= callFrom)
          return { action: 'call', reasons: [reason('action.call', { probability, threshold: callFrom })] };
        if (assessment.probability >= reminderFrom)
          return {
            action: 'reminder',
            reasons: [reason('action.reminder', { probability, threshold: reminderFrom })],
          };
        return { action: 'none', reasons: [reason('action.none', { probability, threshold: reminderFrom })] };
      },
      stability: (inputs) => {
        const scores: number[] = [];
        const columns = Array.from({ length: nF }, () => [] as number[]);
        const row = new Float64Array(nF);
        for (const input of inputs) {
          const found = historyOf(input.statements, amountScale);
          if (!found.ok) continue;
          scores.push(model.probability(found.history.raw));
          model.featureValues(found.history.raw, 0, row);
          for (let j = 0; j < nF; j++) columns[j]!.push(row[j]!);
        }
        return stabilityReport(model.artifact, scores, columns);
      },
    };
  },
});
