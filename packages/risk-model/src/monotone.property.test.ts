import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import artifactJson from '../model/credit-default-gbm.json';
import { parseArtifact } from './artifact';
import { HISTORY_MONTHS, RAW_BALANCE, RAW_LIMIT, RAW_PAYMENT, RAW_STATUS, RAW_WIDTH } from './history';
import { compileRiskModel } from './scorer';

const model = compileRiskModel(parseArtifact(artifactJson));

const months = (arb: fc.Arbitrary<number>) =>
  fc.array(arb, { minLength: HISTORY_MONTHS, maxLength: HISTORY_MONTHS });
const history = fc.record({
  limit: fc.integer({ min: 10_000, max: 1_000_000 }),
  status: months(fc.integer({ min: -2, max: 9 })),
  balance: months(fc.integer({ min: -20_000, max: 800_000 })),
  payment: months(fc.integer({ min: 0, max: 400_000 })),
});

const rawOf = (h: {
  limit: number;
  status: number[];
  balance: number[];
  payment: number[];
}): Float64Array => {
  const raw = new Float64Array(RAW_WIDTH);
  raw[RAW_LIMIT] = h.limit;
  h.status.forEach((s, k) => {
    raw[RAW_STATUS + k] = s;
  });
  h.balance.forEach((b, k) => {
    raw[RAW_BALANCE + k] = b;
  });
  h.payment.forEach((p, k) => {
    raw[RAW_PAYMENT + k] = p;
  });
  return raw;
};

describe('monotone constraints', () => {
  it('a later delay never lowers risk: any month moved to a later status (a delay) scores at least as high', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 0, max: HISTORY_MONTHS - 1 }),
        fc.integer({ min: 1, max: 9 }),
        (h, month, later) => {
          fc.pre(later > h.status[month]!);
          const before = model.probability(rawOf(h));
          const status = [...h.status];
          status[month] = later;
          // Equal up to rounding: the compiled tables sum in a different order than the trees.
          expect(model.probability(rawOf({ ...h, status }))).toBeGreaterThanOrEqual(before - 1e-12);
        },
      ),
      { numRuns: 5_000, seed: 19 },
    );
  });

  it('every status-derived feature is constrained in the direction of a delay', () => {
    const constrained = artifactJson.features.filter((f) => /delay|late/i.test(f.id));
    expect(constrained.length).toBeGreaterThan(0);
    for (const f of constrained) expect(f.monotone, f.id).toBe(1);
    for (const id of ['paidInFullMonths', 'unusedMonths', 'revolvingMonths'])
      expect(artifactJson.features.find((f) => f.id === id)?.monotone, id).toBe(-1);
  });
});
