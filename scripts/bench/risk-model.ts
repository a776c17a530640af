/**
 * Scores the 6,000 test rows of the credit-default data (ID % 5 == 0) once with the committed
 * artifact, and measures scoring throughput on one core.
 *
 *   pnpm bench:risk-model
 *
 * Writes bench-results/risk-model.json `{ auc, ks, brier, calibrationSlope, scoresPerSecond,
 * artifactBytes, fairness: [{ attribute, group, n, auc, positiveRate, … }] }` and
 * bench-results/risk-model-scores.csv (`ID,probability`). Targets: AUC >= 0.790, KS >= 0.44,
 * calibration slope 0.9–1.1, >= 1,000,000 scores/s, artifact <= 2 MB.
 *
 * The test rows are read here and nowhere else: training and model selection never see them.
 * Throughput scores every row from its raw statement numbers (features, bins, tables, sigmoid);
 * a warm-up pass runs first, then timed passes for at least two seconds, and the median is reported.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  auc,
  brier,
  calibrationSlope,
  compileRiskModel,
  fairnessReport,
  isTestRow,
  ks,
  parseArtifact,
  parseCreditDefault,
  RAW_WIDTH,
  scoreRows,
  stabilityReport,
} from '@doorstep/risk-model';

const root = fileURLToPath(new URL('../..', import.meta.url));
const artifactPath = join(root, 'packages/risk-model/model/credit-default-gbm.json');
const csv = readFileSync(join(root, '../shared/datasets/credit-default/credit-default.csv'), 'utf8');
const test = parseCreditDefault(csv, isTestRow);
const n = test.ids.length;
const artifact = parseArtifact(JSON.parse(readFileSync(artifactPath, 'utf8')));
const model = compileRiskModel(artifact);

// The one scoring of the test rows that the metrics come from.
const probability = new Float64Array(n);
scoreRows(model, test.raw, n, probability);
const y = test.defaulted;
const separation = ks(y, probability);
const fairness = fairnessReport(y, probability, artifact.operatingThreshold, test.protectedAttributes);
// PSI of the test rows against the training baseline: the same population, so every row should be stable.
const columns = artifact.features.map(() => new Float64Array(n));
const row = new Float64Array(artifact.features.length);
for (let r = 0; r < n; r++) {
  model.featureValues(test.raw, r * RAW_WIDTH, row);
  row.forEach((v, j) => {
    columns[j]![r] = v;
  });
}
const stability = stabilityReport(artifact, probability, columns);

// Throughput: the same rows again and again; only the time is kept.
const scratch = new Float64Array(n);
scoreRows(model, test.raw, n, scratch);
const passes: number[] = [];
const started = performance.now();
while (performance.now() - started < 2_000 || passes.length < 5) {
  const t = performance.now();
  scoreRows(model, test.raw, n, scratch);
  passes.push(performance.now() - t);
}
passes.sort((a, b) => a - b);
const medianMs = passes[Math.floor(passes.length / 2)]!;

const report = {
  model: `${artifact.id}@${artifact.version}`,
  rows: n,
  auc: auc(y, probability),
  ks: separation.ks,
  brier: brier(y, probability),
  calibrationSlope: calibrationSlope(y, probability),
  scoresPerSecond: Math.round(n / (medianMs / 1000)),
  artifactBytes: statSync(artifactPath).size,
  operatingThreshold: artifact.operatingThreshold,
  flaggedAtThreshold: probability.filter((p) => p >= artifact.operatingThreshold).length / n,
  loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  node: process.version,
  fairness,
  stability: {
    score: { psi: stability.score.psi, level: stability.score.level },
    features: stability.features.map((f) => ({ name: f.name, psi: f.psi, level: f.level })),
  },
};

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
console.log(`Risk model ${report.model} on ${n.toLocaleString('en')} test rows (Node ${process.version})`);
console.log(
  `AUC ${round(report.auc)}  KS ${round(report.ks)}  Brier ${round(report.brier)}  calibration slope ${round(report.calibrationSlope, 3)}`,
);
console.log(
  `${report.scoresPerSecond.toLocaleString('en')} scores/s on one core (median of ${passes.length} passes, ${medianMs.toFixed(2)} ms each; load ${report.loadAverage.join(' ')})`,
);
console.log(
  `artifact ${report.artifactBytes.toLocaleString('en')} bytes; operating threshold ${artifact.operatingThreshold}`,
);
console.log('attribute  group                  n     AUC    flagged  ratio  approval-ratio');
for (const r of fairness)
  console.log(
    `${r.attribute.padEnd(10)} ${r.group.padEnd(20)} ${String(r.n).padStart(5)}  ${r.auc.toFixed(3)}  ${r.positiveRate.toFixed(3)}    ${r.positiveRateRatio.toFixed(2)}   ${r.approvalRateRatio.toFixed(2)}`,
  );

const worst = [...stability.features].sort((a, b) => (b.psi ?? 0) - (a.psi ?? 0))[0];
console.log(
  `PSI test vs training rows: score ${stability.score.psi?.toFixed(4)} (${stability.score.level}); largest feature ${worst?.name} ${worst?.psi?.toFixed(4)}`,
);

mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results/risk-model.json'), `${JSON.stringify(report, null, 2)}\n`);
const lines = Array.from(test.ids, (id, r) => `${id},${probability[r]}`);
writeFileSync(join(root, 'bench-results/risk-model-scores.csv'), `ID,probability\n${lines.join('\n')}\n`);
