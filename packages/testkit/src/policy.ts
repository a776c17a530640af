import { type AnyPolicy, instantiatePolicy, type PolicyKind } from '@doorstep/core';

/**
 * The functions of one plugin with option overrides applied, for table-driven tests. Invalid
 * options throw with every problem listed: in a test, a wrong fixture should fail loudly.
 *
 * @example
 * const { screen } = policyUnderTest(weightedRisk, { minDpd: 60 });
 */
export const policyUnderTest = <K extends PolicyKind, F>(
  policy: AnyPolicy<K, F>,
  overrides?: Record<string, unknown>,
): F => {
  const instance = instantiatePolicy(policy, overrides);
  if (!instance.ok) {
    throw new Error(instance.error.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
  }
  return instance.value.fns;
};
