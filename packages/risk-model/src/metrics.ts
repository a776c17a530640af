/**
 * Discrimination and calibration of scores against outcomes, as a model card reports them.
 * Inputs are parallel arrays: `y[i]` is 1 when row i defaulted, `p[i]` its predicted probability.
 */

/** Area under the ROC curve: the chance a random defaulter scores above a random payer (ties count ½). */
export function auc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[a]! - p[b]!);
  let rankSumPositives = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && p[order[j + 1]!] === p[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k]!] === 1) {
        rankSumPositives += averageRank;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = p.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Kolmogorov–Smirnov: the widest gap between the score distributions of defaulters and payers. */
export function ks(y: ArrayLike<number>, p: ArrayLike<number>): { ks: number; threshold: number } {
  const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b]! - p[a]!);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i]!;
  const negatives = y.length - positives;
  let tp = 0;
  let fp = 0;
  let best = { ks: 0, threshold: 1 };
  for (let i = 0; i < order.length; ) {
    const score = p[order[i]!]!;
    // Rows with equal scores are flagged together; the gap is read after the whole group.
    while (i < order.length && p[order[i]!] === score) {
      if (y[order[i]!] === 1) tp++;
      else fp++;
      i++;
    }
    const gap = tp / positives - fp / negatives;
    if (gap > best.ks) best = { ks: gap, threshold: score };
  }
  return best;
}

export function brier(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += (p[i]! - y[i]!) ** 2;
  return sum / p.length;
}

/**
 * Calibration slope: the coefficient b of the logistic regression y ~ a + b·logit(p), by Newton's
 * method. 1 means the scores are as spread out as the outcomes warrant; below 1 over-confident.
 */
export function calibrationSlope(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const x = Array.from(p, (q) => {
    const c = Math.min(Math.max(q, 1e-12), 1 - 1e-12);
    return Math.log(c / (1 - c));
  });
  let a = 0;
  let b = 1;
  for (let iteration = 0; iteration < 50; iteration++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = 0; i < x.length; i++) {
      const mu = 1 / (1 + Math.exp(-(a + b * x[i]!)));
      const w = mu * (1 - mu);
      const r = y[i]! - mu;
      g0 += r;
      g1 += r * x[i]!;
      h00 += w;
      h01 += w * x[i]!;
      h11 += w * x[i]! * x[i]!;
    }
    const det = h00 * h11 - h01 * h01;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    if (Math.abs(da) < 1e-12 && Math.abs(db) < 1e-12) break;
  }
  return b;
}
