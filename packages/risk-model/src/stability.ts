import type { StabilityReport, StabilityRow } from '@doorstep/core';
import type { RiskModelArtifact } from './artifact';

/** Empty bins would make PSI infinite; the usual floor keeps one empty bin a large, finite term. */
const FLOOR = 1e-4;

const levelOf = (psi: number): StabilityRow['level'] =>
  psi < 0.1 ? 'stable' : psi < 0.25 ? 'drifting' : 'shifted';

/**
 * Population stability index of `values` against a training baseline: Σ (actual − expected) ·
 * ln(actual / expected) over the baseline's bins.
 */
export function stabilityRow(
  name: string,
  baseline: { edges: readonly number[]; shares: readonly number[] },
  values: ArrayLike<number>,
): StabilityRow {
  const counts = new Array<number>(baseline.shares.length).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let bin = 0;
    while (bin < baseline.edges.length && baseline.edges[bin]! < v) bin++;
    counts[bin]!++;
  }
  let psi = 0;
  const bins = baseline.shares.map((expected, i) => {
    const actual = values.length === 0 ? 0 : counts[i]! / values.length;
    const e = Math.max(expected, FLOOR);
    const a = Math.max(actual, FLOOR);
    psi += (a - e) * Math.log(a / e);
    return { upTo: baseline.edges[i] ?? null, expected, actual };
  });
  if (values.length === 0) return { name, psi: null, level: 'no-data', bins };
  return { name, psi, level: levelOf(psi), bins };
}

/** The report for a population already turned into model features (`features[j]` in artifact order). */
export function stabilityReport(
  artifact: RiskModelArtifact,
  scores: ArrayLike<number>,
  features: readonly ArrayLike<number>[],
): StabilityReport {
  return {
    modelId: artifact.id,
    modelVersion: artifact.version,
    population: scores.length,
    score: stabilityRow('score', artifact.monitoring.score, scores),
    features: artifact.features.map((f, j) =>
      stabilityRow(f.id, artifact.monitoring.features[f.id]!, features[j]!),
    ),
  };
}
