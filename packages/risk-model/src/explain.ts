import { type Reason, type ReasonValue, reasonFactory } from '@doorstep/core';
import { FEATURE_REASONS, FEATURES, type FeatureReasonCode, type WordingContext } from './features';
import type { CompiledRiskModel } from './scorer';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2005-09` → `September 2005`. */
export const monthName = (period: string): string =>
  `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;

// Every code's data is built by its feature's `words`, checked against the template there.
const render = reasonFactory(FEATURE_REASONS) as (
  code: FeatureReasonCode,
  data: Readonly<Record<string, ReasonValue>>,
) => Reason<FeatureReasonCode>;

export interface RiskFactor {
  /** The artifact's feature id. */
  feature: string;
  /** How far this feature moves the customer's log-odds from the average training customer. */
  logOdds: number;
  reason: Reason<FeatureReasonCode>;
}

/**
 * The features that raised this customer's risk most, largest first (adverse-action style): only
 * positive contributions, ties broken by feature order so the same history always gives the same list.
 */
export function topFactors(
  model: CompiledRiskModel,
  raw: Float64Array,
  base: number,
  ctx: WordingContext,
  limit: number,
): RiskFactor[] {
  return model
    .contributions(raw, base)
    .filter((c) => c.logOdds > 0)
    .sort((x, y) => y.logOdds - x.logOdds || x.feature - y.feature)
    .slice(0, limit)
    .map(({ feature, logOdds }) => {
      const worded = FEATURES[model.catalogueIndex[feature]!]!.words(raw, base, ctx);
      return {
        feature: model.artifact.features[feature]!.id,
        logOdds,
        reason: render(worded.code, worded.data),
      };
    });
}

/** The band whose range holds the probability. */
export const bandOf = (model: CompiledRiskModel, probability: number): string => {
  const bands = model.artifact.bands;
  for (const b of bands) if (b.below === null || probability < b.below) return b.band;
  return bands.at(-1)!.band;
};
