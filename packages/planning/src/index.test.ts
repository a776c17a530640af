import {
  builtInPolicies,
  createRegistry,
  defaultPolicySet,
  planVisits,
  resolvePolicySet,
} from '@doorstep/core';
import { aTenant, sequentialIds } from '@doorstep/core/testing';
import { expect, test } from 'vitest';
import { planningPolicies } from './index';

const registry = createRegistry(builtInPolicies, { planning: planningPolicies });
const resolve = (options: Record<string, unknown>) =>
  resolvePolicySet({ ...defaultPolicySet, planning: { id: 'route-optimised', options } }, registry);

test('a policy set selects route-optimised and planVisits runs it', () => {
  const set = resolve({ objective: 'hierarchical', maxIterations: 100 });
  if (!set.ok) throw new Error(JSON.stringify(set.error));
  const result = planVisits(
    set.value,
    {
      tenant: aTenant(),
      date: '2026-03-03',
      agents: [{ agentId: 'agt_1', base: { lat: 22.54, lon: 114.06 }, maxVisits: 4, staff: 2 }],
      candidates: [
        {
          caseId: 'case_1',
          priority: 10,
          location: { lat: 22.55, lon: 114.07 },
          windows: [{ start: '2026-03-03T00:00:00.000Z', end: '2026-03-03T12:00:00.000Z' }],
          durationMinutes: 45,
          staffNeeded: 2,
        },
      ],
    },
    { now: '2026-03-02T00:00:00.000Z', ids: sequentialIds() },
  );
  expect(result.ok && result.value.routes.map((r) => [r.agentIds, r.stops.map((s) => s.caseId)])).toEqual([
    [['agt_1'], ['case_1']],
  ]);
});

test('bad options are refused when the set is resolved, with their path', () => {
  const set = resolve({ objective: 'fastest' });
  expect(!set.ok && set.error.map((p) => [p.code, p.path.join('.')])).toEqual([
    ['OPTIONS.INVALID', 'planning.options.objective'],
  ]);
});
