/** A two-sided confidence interval around a point estimate. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  /** Nominal coverage, e.g. 0.95. */
  confidence: number;
  method: 'wilson-score' | 'newcombe-hybrid-score' | 'welch-t' | 'percentile-bootstrap';
}

export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
}
