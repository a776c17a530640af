import { describe, expect, it } from 'vitest';
import { parseExperimentDefinition } from './definition';

const minimal = { id: 'visits-2026q4', salt: 'f3a9c1', holdoutShare: 0.2, minimumDetectableEffect: 0.05 };

describe('parseExperimentDefinition', () => {
  it('fills the defaults: no challenger, stratified by bucket, baseline from the data', () => {
    expect(parseExperimentDefinition(minimal)).toEqual({
      ok: true,
      value: { ...minimal, challenger: null, stratifyBy: 'bucket', baselineCureRate: null },
    });
  });

  it('keeps a challenger and an explicit baseline', () => {
    const result = parseExperimentDefinition({
      ...minimal,
      challenger: { policySetVersion: 'screening@2.1.0', share: 0.4 },
      stratifyBy: null,
      baselineCureRate: 0.25,
    });
    expect(result.ok && result.value).toMatchObject({
      challenger: { policySetVersion: 'screening@2.1.0', share: 0.4 },
      stratifyBy: null,
      baselineCureRate: 0.25,
    });
  });

  it.each([
    [{ ...minimal, holdoutShare: 0 }, ['holdoutShare']],
    [{ ...minimal, holdoutShare: 1 }, ['holdoutShare']],
    [{ ...minimal, salt: '' }, ['salt']],
    [{ ...minimal, salt: 'a\u001fb' }, ['salt']],
    [{ ...minimal, challenger: { policySetVersion: 'v2', share: 0.8 } }, ['challenger.share']],
    [{ ...minimal, challenger: { share: 0.1 } }, ['challenger.policySetVersion']],
    [{ ...minimal, stratifyBy: 'region' }, ['stratifyBy']],
    [{ ...minimal, baselineCureRate: 0.97 }, ['minimumDetectableEffect']],
    [{ id: 7, holdoutShare: '0.2' }, ['id', 'salt', 'holdoutShare', 'minimumDetectableEffect']],
  ])('rejects %o at %o', (input, paths) => {
    const result = parseExperimentDefinition(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.map((issue) => issue.path)).toEqual(paths);
  });

  it('rejects a value that is not an object', () => {
    expect(parseExperimentDefinition(null)).toEqual({
      ok: false,
      error: [{ path: '', message: 'expected an object' }],
    });
  });
});
