import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import artifactJson from '../model/credit-default-gbm.json';
import { parseArtifact } from './artifact';
import { CREDIT_DEFAULT_PERIODS, isTestRow, parseCreditDefault } from './dataset';
import { monthName, topFactors } from './explain';
import { FEATURE_REASONS, FEATURES, type WordingContext } from './features';
import { RAW_WIDTH } from './history';
import { compileRiskModel } from './scorer';

const csv = readFileSync(
  new URL('../../../../shared/datasets/credit-default/credit-default.csv', import.meta.url),
  'utf8',
);
const rows = parseCreditDefault(csv, (id) => !isTestRow(id) && id <= 3_000);
const model = compileRiskModel(parseArtifact(artifactJson));
const ctx: WordingContext = {
  months: CREDIT_DEFAULT_PERIODS.map(monthName),
  amount: (units) => `${Math.round(units)} TWD`,
};
const render = (template: string, data: Readonly<Record<string, unknown>>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(data[key]));

describe('reasons in words', () => {
  it.each(artifactJson.features.map((f) => [f.id]))('%s has words for every history', (id) => {
    const feature = FEATURES.find((f) => f.id === id)!;
    expect(feature, `${id} is in the catalogue`).toBeDefined();
    for (let r = 0; r < rows.ids.length; r += 37) {
      const { code, data } = feature.words(rows.raw, r * RAW_WIDTH, ctx);
      const message = render(FEATURE_REASONS[code], data);
      expect(message).toMatch(/^[A-Z0-9][^{}]*[A-Za-z0-9%)]$/);
      // Amounts are never negative in words: a credit balance or an over-limit balance says so.
      expect(message).not.toMatch(/-[\d.]+ [A-Z]{3}/);
      expect(message).not.toMatch(/undefined|NaN|Infinity/);
    }
  });

  it('names the month and the delay, as an adverse-action notice would', () => {
    // Row 1 of the data set: two months late in September and August 2005, defaulted.
    const r = Array.from(rows.ids).indexOf(1);
    const messages = topFactors(model, rows.raw, r * RAW_WIDTH, ctx, 4).map((f) => f.reason.message);
    expect(messages).toContain('Paid 2 months late in September 2005');
  });

  it('gives the same reasons, in the same order, every time', () => {
    for (let r = 0; r < 300; r++) {
      const once = topFactors(model, rows.raw, r * RAW_WIDTH, ctx, 4);
      const again = topFactors(model, rows.raw, r * RAW_WIDTH, ctx, 4);
      expect(again).toEqual(once);
      for (let i = 1; i < once.length; i++)
        expect(once[i - 1]!.logOdds).toBeGreaterThanOrEqual(once[i]!.logOdds);
      for (const f of once) expect(f.logOdds).toBeGreaterThan(0);
    }
  });
});
