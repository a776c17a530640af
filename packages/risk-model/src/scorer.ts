import type { RiskModelArtifact } from './artifact';
import { computeFeatures, FEATURE_COUNT, FEATURES } from './features';
import { RAW_WIDTH } from './history';

/** A feature's share of one customer's log-odds, relative to the average training customer. */
export interface Contribution {
  /** Index into the artifact's features. */
  feature: number;
  logOdds: number;
}

/**
 * A compiled model: pure functions over flat typed arrays, built once from an artifact.
 * `margin`/`probability` are the hot path (no allocation); `contributions` explains one row.
 */
export interface CompiledRiskModel {
  readonly artifact: RiskModelArtifact;
  /** Catalogue index of each artifact feature. */
  readonly catalogueIndex: Int32Array;
  margin(raw: Float64Array, base?: number): number;
  probability(raw: Float64Array, base?: number): number;
  /** Exact split of `margin − intercept` over the features (pair tables shared half and half). */
  contributions(raw: Float64Array, base?: number): Contribution[];
  /** The model's feature values of one row (artifact order), for monitoring. */
  featureValues(raw: Float64Array, base: number, out: Float64Array): void;
}

/** `lower_bound`: how many cuts lie strictly below x; x equal to a cut falls in the lower bin. */
function binOf(cuts: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo - from;
}

export const sigmoid = (margin: number): number => 1 / (1 + Math.exp(-margin));

export function compileRiskModel(artifact: RiskModelArtifact): CompiledRiskModel {
  const nF = artifact.features.length;
  const catalogueIndex = new Int32Array(nF);
  const cutStart = new Int32Array(nF + 1);
  const contributionStart = new Int32Array(nF + 1);
  artifact.features.forEach((f, j) => {
    catalogueIndex[j] = FEATURES.findIndex((d) => d.id === f.id);
    cutStart[j + 1] = cutStart[j]! + f.cuts.length;
    contributionStart[j + 1] = contributionStart[j]! + f.contribution.length;
  });
  const cuts = new Float64Array(artifact.features.flatMap((f) => f.cuts));
  const main = new Float64Array(artifact.features.flatMap((f) => f.contribution));

  const nP = artifact.pairs.length;
  const pairA = new Int32Array(nP);
  const pairB = new Int32Array(nP);
  const aMapStart = new Int32Array(nP);
  const bMapStart = new Int32Array(nP);
  // A pair's cell is rowOffset[binA] + column[binB]: each map entry already holds the table start and
  // the row stride, so a pair costs two reads and an add before the value.
  const offsets: number[] = [];
  const tables: number[] = [];
  artifact.pairs.forEach((p, i) => {
    pairA[i] = p.features[0];
    pairB[i] = p.features[1];
    const start = tables.length;
    aMapStart[i] = offsets.length;
    for (const row of p.aMap) offsets.push(start + row * p.columns);
    bMapStart[i] = offsets.length;
    offsets.push(...p.bMap);
    tables.push(...p.table);
  });
  const map = new Int32Array(offsets);
  const table = new Float64Array(tables);
  const intercept = artifact.intercept;

  // Scratch buffers: scoring allocates nothing per row.
  const all = new Float64Array(FEATURE_COUNT);
  const bins = new Int32Array(nF);

  const binRow = (raw: Float64Array, base: number): void => {
    computeFeatures(raw, base, all);
    for (let j = 0; j < nF; j++)
      bins[j] = binOf(cuts, cutStart[j]!, cutStart[j + 1]!, all[catalogueIndex[j]!]!);
  };
  const pairValue = (i: number): number =>
    table[map[aMapStart[i]! + bins[pairA[i]!]!]! + map[bMapStart[i]! + bins[pairB[i]!]!]!]!;

  // Summed in the trainer's order (intercept, features, pairs), so the two agree to the last bits.
  const margin = (raw: Float64Array, base = 0): number => {
    binRow(raw, base);
    let m = intercept;
    for (let j = 0; j < nF; j++) m += main[contributionStart[j]! + bins[j]!]!;
    for (let i = 0; i < nP; i++) m += pairValue(i);
    return m;
  };

  return Object.freeze({
    artifact,
    catalogueIndex,
    margin,
    probability: (raw: Float64Array, base = 0) => sigmoid(margin(raw, base)),
    contributions: (raw: Float64Array, base = 0) => {
      binRow(raw, base);
      const share = new Float64Array(nF);
      for (let j = 0; j < nF; j++) share[j] = main[contributionStart[j]! + bins[j]!]!;
      for (let i = 0; i < nP; i++) {
        const half = pairValue(i) / 2;
        share[pairA[i]!]! += half;
        share[pairB[i]!]! += half;
      }
      return Array.from(share, (logOdds, feature) => ({ feature, logOdds }));
    },
    featureValues: (raw: Float64Array, base: number, out: Float64Array) => {
      computeFeatures(raw, base, all);
      for (let j = 0; j < nF; j++) out[j] = all[catalogueIndex[j]!]!;
    },
  });
}

/** Scores `rows` consecutive rows of a flat array into `out` (the batch path of the daily run and the bench). */
export function scoreRows(
  model: CompiledRiskModel,
  raw: Float64Array,
  rows: number,
  out: Float64Array,
): void {
  for (let r = 0; r < rows; r++) out[r] = model.probability(raw, r * RAW_WIDTH);
}
