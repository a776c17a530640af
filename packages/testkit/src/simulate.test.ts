import { builtInRegistry, defaultPolicySet, type ResolvedPolicySet, resolvePolicySet } from '@doorstep/core';
import { aScreenCaseInput, aSnapshot } from '@doorstep/core/testing';
import { describe, expect, test } from 'vitest';
import { generatePortfolio } from './portfolio';
import { simulate } from './simulate';

const resolved = resolvePolicySet(defaultPolicySet, builtInRegistry);
if (!resolved.ok) throw new Error('default policy set must resolve');
const set: ResolvedPolicySet = resolved.value;
const now = '2026-03-02T02:00:00Z';

const input = (dpd: number) => aScreenCaseInput({ snapshot: aSnapshot({ dpd }) });

describe('simulate', () => {
  test('an ineligible case stops after screening, back to open', () => {
    const result = simulate({ set, input: input(5), now, seed: 1 });
    expect(result.ok && result.trace.events.map((e) => e.type)).toEqual(['screened_ineligible']);
    expect(result.ok && result.trace.case.status).toBe('open');
  });

  test('a scripted willing-and-able outcome gets a plan and reminders', () => {
    const result = simulate({
      set,
      input: input(62),
      now,
      seed: 1,
      outcome: {
        contactResult: 'customer_met',
        identityChecklist: [],
        hardshipReasons: [],
        willingness: 5,
        monthlyAbilityToPay: { amountMinor: 100_000, currency: 'CNY' },
        satisfaction: 5,
        promiseToPay: null,
        planProposal: null,
        evidenceRefs: [],
        notes: '',
      },
    });
    if (!result.ok) throw new Error(result.error.message);
    const { trace } = result;
    expect(trace.events.map((e) => e.type)).toEqual([
      'screened_eligible',
      'visit_planned',
      'visit_completed',
      'follow_up_started',
    ]);
    expect(trace.case.status).toBe('in_follow_up');
    expect(trace.repayment?.kind === 'plan' && trace.repayment.plan.instalments).toHaveLength(4);
    expect(trace.followUps?.reasons.at(-1)?.code).toBe('quadrant.willing-able');
    expect(trace.followUps?.followUps.filter((f) => f.kind === 'instalment_reminder')).toHaveLength(4);
  });

  test('same seed and input, same trace; across a portfolio', () => {
    const { cases } = generatePortfolio({ seed: 9, size: 200 });
    const run = () => cases.map((c, i) => simulate({ set, input: c, now, seed: i }));
    const first = run();
    expect(run()).toEqual(first);
    const statuses = new Set(first.map((r) => (r.ok ? r.trace.case.status : 'failed')));
    expect(statuses).toEqual(new Set(['open', 'in_follow_up']));
  });
});
