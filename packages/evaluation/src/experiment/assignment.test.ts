import type { Reason } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { type DelinquencyBucket, delinquencyBuckets } from '../bucket';
import { type Assignment, assignCase, type Eligibility, stratumBalance } from './assignment';
import type { ExperimentDefinition } from './definition';
import { assignmentHash } from './hash';

const experiment: ExperimentDefinition = {
  id: 'visits-2026q4',
  salt: 'f3a9c1',
  holdoutShare: 0.2,
  challenger: { policySetVersion: 'screening@2.1.0', share: 0.3 },
  stratifyBy: 'bucket',
  minimumDetectableEffect: 0.05,
  baselineCureRate: null,
};
const eligible: Eligibility = { eligible: true };
const coolDown: Reason = {
  code: 'compliance.cool-down',
  data: { daysSinceLastVisit: 3, coolDownDays: 14 },
  message: 'Visited 3 days ago; cool-down is 14 days',
};

function cases(count: number, bucket: DelinquencyBucket, eligibility = eligible): Assignment[] {
  return Array.from({ length: count }, (_, i) =>
    assignCase(experiment, { caseId: `case-${bucket}-${String(i).padStart(6, '0')}`, bucket, eligibility }),
  );
}

describe('assignCase', () => {
  it('shows its working: the hashed text, the hash, the draw and the slice it fell in', () => {
    const a = assignCase(experiment, { caseId: 'case-000042', bucket: 'M2', eligibility: eligible });
    expect(a.hashInput).toBe('f3a9c1\u001fM2\u001fcase-000042');
    expect(Number.parseInt(a.hash, 16)).toBe(assignmentHash(a.hashInput));
    expect(a.draw).toBe(Number.parseInt(a.hash, 16) / 2 ** 32);
    expect(a.draw).toBeGreaterThanOrEqual(a.armRange.from);
    expect(a.draw).toBeLessThan(a.armRange.to);
    expect(a.treated).toBe(a.arm !== 'holdout');
  });

  it('gives the same answer every time and a different one under another salt', () => {
    const input = { caseId: 'case-000042', bucket: 'M2' as const, eligibility: eligible };
    expect(assignCase(experiment, input)).toEqual(assignCase(experiment, input));
    expect(assignCase({ ...experiment, salt: 'other' }, input).hash).not.toBe(
      assignCase(experiment, input).hash,
    );
  });

  it('ignores the bucket in the hash when the experiment is not stratified', () => {
    const flat = { ...experiment, stratifyBy: null };
    const m1 = assignCase(flat, { caseId: 'c-1', bucket: 'M1', eligibility: eligible });
    const m3 = assignCase(flat, { caseId: 'c-1', bucket: 'M3', eligibility: eligible });
    expect([m1.stratum, m1.hash]).toEqual(['all', m3.hash]);
  });

  it('never lets a draw override compliance', () => {
    for (const a of cases(200, 'M1', { eligible: false, reasons: [coolDown] })) {
      expect(a).toMatchObject({ eligible: false, treated: false, excludedBy: [coolDown] });
      expect(a.reason).toMatchObject({ code: 'compliance.excluded', data: { arm: a.arm } });
    }
  });

  it('gives every bucket the planned shares, within binomial noise', () => {
    for (const bucket of delinquencyBuckets) {
      const assigned = cases(2_000, bucket);
      for (const [arm, share] of [
        ['holdout', 0.2],
        ['challenger', 0.3],
        ['champion', 0.5],
      ] as const) {
        const observed = assigned.filter((a) => a.arm === arm).length / assigned.length;
        // Four standard errors: a false alarm about once in 16 000 buckets.
        expect(Math.abs(observed - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / 2_000));
      }
    }
  });
});

describe('stratumBalance', () => {
  it('reports each stratum and stays quiet when the shares hold', () => {
    const { strata, warnings } = stratumBalance(experiment, [...cases(3_000, 'M1'), ...cases(1_000, 'M3')]);
    expect(strata.map((s) => [s.stratum, s.cases])).toEqual([
      ['M1', 3_000],
      ['M3', 1_000],
    ]);
    expect(warnings).toEqual([]);
  });

  it('warns when a stratum drifts from the plan and ignores excluded cases', () => {
    const skewed = cases(1_000, 'M4').map((a, i) => (i < 150 ? { ...a, arm: 'holdout' as const } : a));
    const excluded = cases(200, 'M5', { eligible: false, reasons: [coolDown] });
    const { strata, warnings } = stratumBalance(experiment, [...skewed, ...excluded]);
    expect(strata.map((s) => s.stratum)).toEqual(['M4']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: 'assignment.stratum-imbalance',
      data: { stratum: 'M4', planned: 0.2 },
    });
  });
});
