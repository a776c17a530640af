import {
  builtInPolicies,
  createRegistry,
  defaultPolicySet,
  type FollowUpInput,
  type HardshipReason,
  type RepaymentPlan,
  resolvePolicySet,
} from '@doorstep/core';
import {
  aCase,
  anOutcome,
  aScreenCaseInput,
  aSnapshot,
  aTenant,
  policyUnderTest,
  simulate,
} from '@doorstep/testkit';
import { describe, expect, test } from 'vitest';
import { hardshipFirst } from './hardship-first';
import { acmePolicies } from './index';

// 10:00 in Shanghai on 2 March 2026.
const now = '2026-03-02T02:00:00Z';
const input = (hardshipReasons: HardshipReason[], plan: RepaymentPlan | null = null): FollowUpInput => ({
  now,
  tenant: aTenant(),
  case: aCase({ status: 'visited' }),
  outcome: anOutcome({ hardshipReasons }),
  overdueTotal: { amountMinor: 300_000, currency: 'CNY' },
  plan,
  promise: null,
});
const summary = (i: FollowUpInput, options?: Record<string, unknown>) => {
  const proposal = policyUnderTest(hardshipFirst, options).decide(i);
  return {
    schedule: proposal.followUps.map((f) => `${f.kind}@${f.dueAt.slice(0, 10)}`),
    why: proposal.reasons.map((r) => r.message),
  };
};

describe('hardship-first', () => {
  test.each([
    [
      'serious hardship → review, support, pause',
      ['illness', 'other'],
      undefined,
      ['hardship_review@2026-03-03', 'education@2026-03-04', 'education@2026-03-05', 'revisit@2026-04-01'],
      ['Serious hardship reported: illness'],
    ],
    [
      'minor hardship only → revisit',
      ['other'],
      undefined,
      ['revisit@2026-03-23'],
      ['No serious hardship reported'],
    ],
    ['no hardship → revisit', [], undefined, ['revisit@2026-03-23'], ['No serious hardship reported']],
    [
      'options decide what is serious',
      ['over_indebtedness'],
      { seriousHardship: ['over_indebtedness'], supportTopics: [] },
      ['hardship_review@2026-03-03', 'revisit@2026-04-01'],
      ['Serious hardship reported: over_indebtedness'],
    ],
  ] as const)('%s', (_name, hardship, options, schedule, why) => {
    expect(summary(input([...hardship]), options)).toEqual({ schedule, why });
  });

  const plan: RepaymentPlan = {
    id: 'plan_1',
    caseId: 'case_1',
    currency: 'CNY',
    totalMinor: 200_000,
    waivedMinor: 0,
    status: 'agreed',
    createdAt: now,
    instalments: [
      { sequence: 1, dueDate: '2026-03-03', dueAt: '2026-03-03T15:59:59Z', amountMinor: 100_000 },
      { sequence: 2, dueDate: '2026-04-03', dueAt: '2026-04-03T15:59:59Z', amountMinor: 100_000 },
    ],
  };

  test('reminds before each future instalment and checks it the day after, never in the past', () => {
    const proposal = policyUnderTest(hardshipFirst).decide(input([], plan));
    expect(proposal.followUps.map((f) => `${f.kind}@${f.dueAt}`)).toEqual([
      'instalment_check@2026-03-04T02:00:00.000Z',
      'instalment_reminder@2026-04-01T02:00:00.000Z',
      'instalment_check@2026-04-04T02:00:00.000Z',
      'revisit@2026-03-23T02:00:00.000Z',
    ]);
    expect(proposal.followUps[1]?.reason.message).toBe('Instalment 2 of 1000.00 CNY due 2026-04-03');
  });

  test('an accepted plan without a visit gets only its reminders and checks', () => {
    const proposal = policyUnderTest(hardshipFirst).decide({ ...input([], plan), outcome: null });
    expect(proposal.followUps.map((f) => f.kind)).toEqual([
      'instalment_check',
      'instalment_reminder',
      'instalment_check',
    ]);
    expect(proposal.reasons.map((r) => [r.code, r.message])).toEqual([
      ['plan.accepted', 'Plan of 2 instalments accepted'],
    ]);
  });

  test('rejects options it cannot work with', () => {
    expect(() => policyUnderTest(hardshipFirst, { seriousHardship: [] })).toThrow(/seriousHardship/);
  });
});

describe('registered next to the built-ins', () => {
  const registry = createRegistry(builtInPolicies, acmePolicies);

  test('a policy set selects it by id and the pipeline runs it', () => {
    const resolved = resolvePolicySet({ ...defaultPolicySet, followUp: { id: 'hardship-first' } }, registry);
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
    const result = simulate({
      set: resolved.value,
      now,
      seed: 3,
      input: aScreenCaseInput({ snapshot: aSnapshot({ dpd: 70 }) }),
      outcome: { ...anOutcome({ hardshipReasons: ['job_loss'] }) },
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.trace.followUps?.reasons.map((r) => r.code)).toEqual(['hardship.serious']);
    expect(result.trace.followUps?.followUps[0]?.kind).toBe('hardship_review');
  });

  test('its id cannot clash with a built-in of the same kind', () => {
    expect(() => createRegistry(builtInPolicies, acmePolicies, acmePolicies)).toThrow(
      /Duplicate followUp policy id/,
    );
  });
});
