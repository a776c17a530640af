import {
  builtInPolicies,
  createRegistry,
  defaultPolicySet,
  formatMoney,
  resolvePolicySet,
  screenCase,
} from '@doorstep/core';
import { anAccountPosition, aScreenCaseInput, sequentialIds, simulate } from '@doorstep/testkit';
import { expect, test } from 'vitest';
import { severalAccountsPolicies } from './index';

// The host's registry: the built-ins and this package (the worker's list is workers/api/src/plugins.ts).
const registry = createRegistry(builtInPolicies, severalAccountsPolicies);

// A policy set is plain data; resolving validates it and instantiates every plugin once.
const resolved = resolvePolicySet(
  {
    ...defaultPolicySet,
    version: 'tutorial-1',
    screening: [{ id: 'weighted-risk' }, { id: 'several-accounts', options: { pointsPerExtraAccount: 12 } }],
  },
  registry,
);
if (!resolved.ok) throw new Error(resolved.error.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
const set = resolved.value;

// The customer of aScreenCaseInput() also owes 2,000.00 CNY, 40 days late, on a card.
const input = aScreenCaseInput({ otherAccounts: [anAccountPosition({ overdueMinor: 200_000, dpd: 40 })] });
const now = '2026-03-02T02:00:00Z';

test('screenCase: every screening plugin scores, and the decision keeps all their reasons', () => {
  const decision = screenCase(set, input, { now, ids: sequentialIds() });
  if (!decision.ok) throw new Error(decision.error.message);
  expect(decision.value.eligible).toBe(true);
  expect(decision.value.policySetVersion).toBe('tutorial-1');
  expect(decision.value.reasons.map((r) => r.code)).toContain('accounts.several');
  expect(formatMoney(input.exposure.overdueMinor, 'CNY')).toBe('5250.00 CNY');
});

test('simulate: screening, a visit, the outcome, a plan and follow-ups, deterministic for a seed', () => {
  const run = () => simulate({ set, input, now, seed: 7 });
  const result = run();
  if (!result.ok) throw new Error(result.error.message);
  expect(result.trace.screening.priority).toBeGreaterThan(12);
  expect(result.trace.events.map((e) => e.type)).toContain('visit_completed');
  expect(run()).toEqual(result);
});
