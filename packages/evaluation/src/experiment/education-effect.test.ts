import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../stats/prng';
import { drawEducationArm, educationEffect } from './education-effect';

describe('drawEducationArm', () => {
  it('is deterministic per experiment and case, and withholds about the planned share', () => {
    const experiment = { id: 'edu-2026q1', withholdShare: 0.2 };
    expect(drawEducationArm(experiment, 'case_1')).toEqual(drawEducationArm(experiment, 'case_1'));
    const withheld = Array.from({ length: 20_000 }, (_, i) =>
      drawEducationArm(experiment, `case_${i}`),
    ).filter((d) => d.arm === 'withheld').length;
    // Binomial(20 000, 0.2): sd ≈ 57, so ±300 is over five standard deviations.
    expect(Math.abs(withheld - 4_000)).toBeLessThan(300);
    const other = { id: 'edu-2026q2', withholdShare: 0.2 };
    const same = Array.from({ length: 2_000 }, (_, i) => `case_${i}`).filter(
      (id) => drawEducationArm(experiment, id).arm === drawEducationArm(other, id).arm,
    ).length;
    // Independent draws agree on about 0.8² + 0.2² = 68 % of cases, not on all of them.
    expect(same / 2_000).toBeGreaterThan(0.64);
    expect(same / 2_000).toBeLessThan(0.72);
  });
});

describe('educationEffect', () => {
  it('gives the difference of re-default rates with a Newcombe interval', () => {
    const report = educationEffect({
      experimentId: 'edu',
      windowDays: 90,
      arms: {
        offered: { observedCures: 80, reDefaulted: 48 },
        withheld: { observedCures: 70, reDefaulted: 56 },
      },
    });
    // Newcombe (1998b) example 1 reversed: 48/80 − 56/70 = −0.2, interval (−0.3339, −0.0524).
    expect(report.difference?.estimate).toBeCloseTo(-0.2, 10);
    expect(report.difference?.lower).toBeCloseTo(-0.3339, 4);
    expect(report.difference?.upper).toBeCloseTo(-0.0524, 4);
    expect(report.warnings).toEqual([]);
  });

  it('recovers a true effect within its interval about 95 % of the time', () => {
    const random = mulberry32(7);
    let covered = 0;
    for (let trial = 0; trial < 400; trial++) {
      const arm = (n: number, p: number) => {
        let reDefaulted = 0;
        for (let i = 0; i < n; i++) if (random() < p) reDefaulted += 1;
        return { observedCures: n, reDefaulted };
      };
      const { difference } = educationEffect({
        experimentId: 'sim',
        windowDays: 90,
        arms: { offered: arm(400, 0.15), withheld: arm(100, 0.25) },
      });
      if (difference && difference.lower <= -0.1 && -0.1 <= difference.upper) covered += 1;
    }
    expect(covered / 400).toBeGreaterThan(0.91);
  });

  it('warns when an arm is empty or the interval contains no effect', () => {
    const empty = educationEffect({
      experimentId: 'edu',
      windowDays: 180,
      arms: {
        offered: { observedCures: 10, reDefaulted: 1 },
        withheld: { observedCures: 0, reDefaulted: 0 },
      },
    });
    expect(empty.difference).toBeNull();
    expect(empty.warnings.map((w) => w.code)).toEqual(['arm.empty']);
    const unclear = educationEffect({
      experimentId: 'edu',
      windowDays: 90,
      arms: {
        offered: { observedCures: 30, reDefaulted: 5 },
        withheld: { observedCures: 30, reDefaulted: 6 },
      },
    });
    expect(unclear.warnings.map((w) => w.code)).toEqual(['experiment.inconclusive']);
  });
});
