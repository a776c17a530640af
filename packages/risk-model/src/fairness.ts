import { auc } from './metrics';

/** How each protected attribute's codes group for reporting (the data set's README codebook). */
export const PROTECTED_GROUPS: Record<string, (code: number) => string> = {
  SEX: (c) => (c === 1 ? 'male' : c === 2 ? 'female' : 'undocumented'),
  EDUCATION: (c) =>
    c === 1 ? 'graduate school' : c === 2 ? 'university' : c === 3 ? 'high school' : 'other or unknown',
  MARRIAGE: (c) => (c === 1 ? 'married' : c === 2 ? 'single' : 'other or undocumented'),
  AGE: (c) => (c < 30 ? 'under 30' : c < 40 ? '30-39' : c < 50 ? '40-49' : '50 and over'),
};

export interface FairnessRow {
  attribute: string;
  group: string;
  n: number;
  auc: number;
  /** Share flagged at the operating threshold (score ≥ threshold): who would be declined or chased. */
  positiveRate: number;
  /** Share not flagged: the approval-style rate. */
  approvalRate: number;
  defaultRate: number;
  truePositiveRate: number;
  falsePositiveRate: number;
  meanScore: number;
  /** Score quartiles and the 90th percentile: the group's score distribution at a glance. */
  scoreQuantiles: { p25: number; p50: number; p75: number; p90: number };
  /** positiveRate ÷ the lowest positiveRate of the attribute's groups (1 for that group). */
  positiveRateRatio: number;
  /** approvalRate ÷ the highest approvalRate of the attribute's groups (the four-fifths rule reads this). */
  approvalRateRatio: number;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * Per group of each protected attribute: discrimination (AUC), the rates at the operating threshold
 * and the disparity ratios between groups. The attributes are never model inputs; they are read
 * here only to measure how the scores fall on each group.
 */
export function fairnessReport(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  threshold: number,
  attributes: Record<string, ArrayLike<number>>,
): FairnessRow[] {
  const rows: FairnessRow[] = [];
  for (const [attribute, codes] of Object.entries(attributes)) {
    const groupOf = PROTECTED_GROUPS[attribute];
    if (groupOf === undefined) throw new Error(`No grouping for protected attribute ${attribute}`);
    const members = new Map<string, number[]>();
    for (let i = 0; i < codes.length; i++) {
      const g = groupOf(codes[i]!);
      const list = members.get(g) ?? [];
      list.push(i);
      members.set(g, list);
    }
    const groups = [...members.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const partial = groups.map(([group, idx]) => {
      const ys = idx.map((i) => y[i]!);
      const ps = idx.map((i) => p[i]!);
      const flagged = ps.map((s): number => (s >= threshold ? 1 : 0));
      const positives = ys.reduce((s, v) => s + v, 0);
      const negatives = ys.length - positives;
      let tp = 0;
      let fp = 0;
      flagged.forEach((f, k) => {
        if (f === 1 && ys[k] === 1) tp++;
        if (f === 1 && ys[k] === 0) fp++;
      });
      const positiveRate = flagged.reduce((s, v) => s + v, 0) / idx.length;
      const sorted = [...ps].sort((a, b) => a - b);
      return {
        attribute,
        group,
        n: idx.length,
        auc: auc(ys, ps),
        positiveRate,
        approvalRate: 1 - positiveRate,
        defaultRate: positives / idx.length,
        truePositiveRate: positives === 0 ? Number.NaN : tp / positives,
        falsePositiveRate: negatives === 0 ? Number.NaN : fp / negatives,
        meanScore: ps.reduce((s, v) => s + v, 0) / ps.length,
        scoreQuantiles: {
          p25: quantile(sorted, 0.25),
          p50: quantile(sorted, 0.5),
          p75: quantile(sorted, 0.75),
          p90: quantile(sorted, 0.9),
        },
      };
    });
    const lowestPositive = Math.min(...partial.map((r) => r.positiveRate));
    const highestApproval = Math.max(...partial.map((r) => r.approvalRate));
    for (const r of partial)
      rows.push({
        ...r,
        positiveRateRatio: lowestPositive === 0 ? Number.NaN : r.positiveRate / lowestPositive,
        approvalRateRatio: r.approvalRate / highestApproval,
      });
  }
  return rows;
}
