import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import artifactJson from '../model/credit-default-gbm.json';
import parity from '../model/credit-default-gbm.parity.json';
import { parseArtifact } from './artifact';
import { isTestRow, parseCreditDefault } from './dataset';
import { RAW_WIDTH } from './history';
import { compileRiskModel } from './scorer';

const csv = readFileSync(
  new URL('../../../../shared/datasets/credit-default/credit-default.csv', import.meta.url),
  'utf8',
);
const training = parseCreditDefault(csv, (id) => !isTestRow(id));
const model = compileRiskModel(parseArtifact(artifactJson));

describe('the TypeScript scorer against the training script', () => {
  it('reproduces the probabilities scikit-learn gave 1,000 training rows, to 1e-9', () => {
    expect(parity.model).toBe(`${artifactJson.id}@${artifactJson.version}`);
    expect(parity.idProbability).toHaveLength(1000);
    const rowOf = new Map(Array.from(training.ids, (id, r) => [id, r]));
    let worst = 0;
    for (const [id, expected] of parity.idProbability as [number, number][]) {
      const r = rowOf.get(id);
      expect(r, `training row ${id}`).toBeDefined();
      worst = Math.max(worst, Math.abs(model.probability(training.raw, r! * RAW_WIDTH) - expected));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('splits every margin exactly into its feature contributions', () => {
    for (let r = 0; r < 200; r++) {
      const sum = model.contributions(training.raw, r * RAW_WIDTH).reduce((s, c) => s + c.logOdds, 0);
      expect(artifactJson.intercept + sum).toBeCloseTo(model.margin(training.raw, r * RAW_WIDTH), 10);
    }
  });

  it('never reads a protected attribute: the artifact names none of them', () => {
    const ids = artifactJson.features.map((f) => f.id.toLowerCase());
    for (const name of ['sex', 'gender', 'age', 'marriage', 'marital', 'education'])
      expect(ids.some((id) => id.includes(name))).toBe(false);
  });
});
