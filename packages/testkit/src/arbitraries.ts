import type { CustomerFlags, Instant } from '@doorstep/core';
import fc from 'fast-check';

/**
 * Customer flags for property tests: each yes/no flag set on about one customer in `oneIn`, and each
 * pause (Breathing Space, debt adviser) present as often, ending at an instant `pauseEnd` draws.
 *
 * @example
 * const flags = customerFlags({ oneIn: 20, pauseEnd: fc.integer({ min, max }).map(toInstant) });
 */
export function customerFlags(spec: {
  oneIn: number;
  pauseEnd: fc.Arbitrary<Instant>;
}): fc.Arbitrary<CustomerFlags> {
  const rare = fc.integer({ min: 1, max: spec.oneIn }).map((n) => n === 1);
  const pause = fc.oneof(
    { arbitrary: fc.constant(null), weight: spec.oneIn - 1 },
    { arbitrary: spec.pauseEnd, weight: 1 },
  );
  return fc.record({
    dispute: rare,
    bankruptcy: rare,
    deceased: rare,
    ceaseContact: rare,
    consentOutsideHours: rare,
    vulnerability: rare.map((on) => (on ? { kind: 'health' as const } : null)),
    breathingSpaceUntil: pause,
    debtAdviserUntil: pause,
  });
}
