import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineCompliancePolicy, type SupervisorOverride, type VisitQuery } from '../contracts/compliance';
import { defineRepaymentPolicy } from '../contracts/repayment';
import { defineScreeningPolicy } from '../contracts/screening';
import { type PolicySet, type ResolvedPolicySet, resolvePolicySet } from '../plugins/policy-set';
import { createRegistry } from '../plugins/registry';
import { builtInPolicies, defaultPolicySet } from '../policies/built-in';
import { aCase, aCustomer, anOutcome, aSnapshot, aTenant } from '../testing/builders';
import { sequentialIds } from '../testing/ids';
import { aScreenCaseInput } from '../testing/inputs';
import { dailyLocalWindows } from '../time/intervals';
import { decideVisitCompliance } from './assess-visit';
import { decideFollowUps } from './decide-follow-ups';
import { planVisits } from './plan-visits';
import { proposeRepaymentPlan } from './propose-repayment-plan';
import { rankScreened, type ScreenCaseInput, type ScreeningDecision, screenCase } from './screen-case';

/** A small stand-in for a jurisdiction pack: flags veto, daytime only. */
const flagsAndDaytime = defineCompliancePolicy({
  id: 'flags-and-daytime',
  version: '2.1.0',
  contract: '2.0',
  docs: { description: 'test' },
  reasons: {
    'flag.dispute': 'Debt is disputed',
    'flag.deceased': 'Customer is deceased',
    'staff.too-few': '{count} staff < 2',
  },
  options: z.object({}),
  defaultOptions: {},
  create: (_o, { reason }) => ({
    assessVisit: (q) => {
      const vetoes = [];
      if (q.customer.flags.dispute)
        vetoes.push({ ...reason('flag.dispute', {}), rule: 'dispute', overridable: true });
      if (q.customer.flags.deceased)
        vetoes.push({ ...reason('flag.deceased', {}), rule: 'deceased', overridable: false });
      if (q.stage !== 'screening' && q.staff.length < 2) {
        vetoes.push({
          ...reason('staff.too-few', { count: q.staff.length }),
          rule: 'two-staff',
          overridable: false,
        });
      }
      return {
        windows: dailyLocalWindows(q.interval, q.tenant.timeZone, { from: '08:00', to: '20:00' }),
        vetoes,
      };
    },
  }),
});

const throwsOnHighDpd = defineScreeningPolicy({
  id: 'throws-on-high-dpd',
  version: '0.0.1',
  contract: '2.0',
  docs: { description: 'test' },
  reasons: { 'ok.fine': 'fine' },
  options: z.object({}),
  defaultOptions: {},
  create: (_o, { reason }) => ({
    screen: ({ snapshot }) => {
      if (snapshot.dpd > 100) throw new Error('cannot handle');
      return { eligible: true, score: 1, reasons: [reason('ok.fine', {})] };
    },
  }),
});

const wrongSums = defineRepaymentPolicy({
  id: 'wrong-sums',
  version: '0.0.1',
  contract: '2.0',
  docs: { description: 'test' },
  reasons: {},
  options: z.object({}),
  defaultOptions: {},
  create: () => ({
    propose: ({ now }) => ({
      kind: 'plan',
      currency: 'CNY',
      totalMinor: 100,
      waivedMinor: 0,
      instalments: [{ sequence: 1, dueDate: '2026-04-01', dueAt: now, amountMinor: 99 }],
      reasons: [],
    }),
  }),
});

const registry = createRegistry(builtInPolicies, {
  screening: [throwsOnHighDpd],
  compliance: [flagsAndDaytime],
  repayment: [wrongSums],
});

const resolve = (set: Partial<PolicySet> = {}): ResolvedPolicySet => {
  const resolved = resolvePolicySet(
    { ...defaultPolicySet, compliance: [{ id: 'flags-and-daytime' }], ...set },
    registry,
  );
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  return resolved.value;
};

const ctx = () => ({ now: '2026-03-02T02:00:00Z', ids: sequentialIds() });

const screenInput = (overrides: Parameters<typeof aScreenCaseInput>[0] = {}): ScreenCaseInput =>
  aScreenCaseInput({ snapshot: aSnapshot({ dpd: 62 }), ...overrides });

describe('screenCase', () => {
  test('scores an eligible case and explains every factor', () => {
    const decision = screenCase(resolve(), screenInput(), ctx());
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.value).toMatchObject({ caseId: 'case_1', eligible: true, policySetVersion: 'default-1' });
    expect(decision.value.priority).toBeGreaterThan(0);
    expect(decision.value.excludedBy).toBeUndefined();
    expect(decision.value.reasons.map((r) => r.message)).toContain('DPD 62 >= 30');
  });

  test('compliance exclusions run before scoring and name plugin and rule', () => {
    const decision = screenCase(
      resolve(),
      screenInput({ customer: aCustomer({ flags: { dispute: true } }) }),
      ctx(),
    );
    expect(decision.ok && decision.value).toMatchObject({
      eligible: false,
      priority: 0,
      reasons: [{ code: 'flag.dispute', message: 'Debt is disputed' }],
      excludedBy: [
        { rule: 'dispute', policyId: 'flags-and-daytime', policyVersion: '2.1.0', overridable: true },
      ],
    });
  });

  test('staff rules do not exclude at screening, when nobody is assigned yet', () => {
    const decision = screenCase(resolve(), screenInput(), ctx());
    expect(decision.ok && decision.value.eligible).toBe(true);
  });

  test('several screening plugins: all must agree, scores add up', () => {
    const set = resolve({ screening: [{ id: 'weighted-risk' }, { id: 'throws-on-high-dpd' }] });
    const alone = screenCase(resolve(), screenInput(), ctx());
    const both = screenCase(set, screenInput(), ctx());
    expect(both.ok && alone.ok && both.value.priority).toBeCloseTo(
      alone.ok ? alone.value.priority + 1 : Number.NaN,
      5,
    );
    expect(both.ok && both.value.reasons.at(-1)?.code).toBe('ok.fine');
  });

  test('a plugin that throws yields a typed failure, never a partial decision', () => {
    const set = resolve({ screening: [{ id: 'weighted-risk' }, { id: 'throws-on-high-dpd' }] });
    const decision = screenCase(set, screenInput({ snapshot: aSnapshot({ dpd: 150 }) }), ctx());
    expect(decision).toEqual({
      ok: false,
      error: {
        code: 'POLICY.FAILED',
        kind: 'screening',
        policyId: 'throws-on-high-dpd',
        policyVersion: '0.0.1',
        message: 'screening policy throws-on-high-dpd@0.0.1 failed; no decision was made',
        detail: 'cannot handle',
      },
    });
  });

  test('same input, same decision', () => {
    const set = resolve();
    expect(screenCase(set, screenInput(), ctx())).toEqual(screenCase(set, screenInput(), ctx()));
  });
});

describe('rankScreened', () => {
  test('eligible first, then priority, then case id for ties', () => {
    const d = (caseId: `case_${string}`, eligible: boolean, priority: number): ScreeningDecision => ({
      caseId,
      eligible,
      priority,
      reasons: [],
      policySetVersion: 'v',
    });
    const ranked = rankScreened([
      d('case_c', true, 50),
      d('case_x', false, 0),
      d('case_b', true, 70),
      d('case_a', true, 50),
    ]);
    expect(ranked.map((r) => r.caseId)).toEqual(['case_b', 'case_a', 'case_c', 'case_x']);
  });
});

describe('decideVisitCompliance', () => {
  const query = (overrides: Partial<VisitQuery> = {}): VisitQuery => ({
    tenant: aTenant(),
    customer: aCustomer(),
    case: aCase({ status: 'planned' }),
    staff: [{ agentId: 'agt_1' }, { agentId: 'agt_2' }],
    // 2026-03-02 06:00–14:00 Shanghai; allowed 08:00–14:00.
    interval: { start: '2026-03-01T22:00:00.000Z', end: '2026-03-02T06:00:00.000Z' },
    history: { visits: [] },
    ...overrides,
  });
  const override = (rule: string): SupervisorOverride => ({
    rule,
    visitId: 'vis_1',
    supervisorId: 'sup_1',
    reason: 'Customer asked us to come',
    at: '2026-03-01T20:00:00Z',
  });

  test('allowed windows are the intersection of every pack', () => {
    const decision = decideVisitCompliance(resolve(), query(), 'vis_1');
    expect(decision.ok && decision.value).toMatchObject({
      allowed: true,
      windows: [{ start: '2026-03-02T00:00:00.000Z', end: '2026-03-02T06:00:00.000Z' }],
      blocking: [],
    });
  });

  test('a supervisor override lifts an overridable veto and is recorded', () => {
    const customer = aCustomer({ flags: { dispute: true } });
    const blocked = decideVisitCompliance(resolve(), query({ customer }), 'vis_1');
    expect(blocked.ok && blocked.value.allowed).toBe(false);
    const lifted = decideVisitCompliance(resolve(), query({ customer }), 'vis_1', [override('dispute')]);
    expect(lifted.ok && lifted.value).toMatchObject({
      allowed: true,
      blocking: [],
      overridden: [
        {
          veto: { rule: 'dispute' },
          override: { supervisorId: 'sup_1' },
          reason: { message: 'Supervisor sup_1 overrode dispute for vis_1: Customer asked us to come' },
        },
      ],
    });
  });

  test.each([
    [
      'non-overridable veto',
      { customer: aCustomer({ flags: { deceased: true } }) },
      'deceased',
      'vis_1',
      'Rule deceased cannot be overridden',
      false,
    ],
    [
      'override for another visit',
      { customer: aCustomer({ flags: { dispute: true } }) },
      'dispute',
      'vis_2',
      null,
      false,
    ],
    ['override without a veto', {}, 'dispute', 'vis_1', 'No veto of rule dispute to override', true],
  ] as const)('%s', (_name, q, rule, visitId, rejection, allowed) => {
    const decision = decideVisitCompliance(resolve(), query(q), visitId, [override(rule)]);
    expect(decision.ok && decision.value.allowed).toBe(allowed);
    const rejected = decision.ok ? decision.value.rejectedOverrides.map((r) => r.reason.message) : [];
    expect(rejected).toEqual(rejection === null ? [] : [rejection]);
  });

  test('no allowed time at all is a reason of its own', () => {
    const night = { start: '2026-03-02T13:00:00.000Z', end: '2026-03-02T20:00:00.000Z' };
    const decision = decideVisitCompliance(resolve(), query({ interval: night }), 'vis_1');
    expect(decision.ok && decision.value.allowed).toBe(false);
    expect(decision.ok && decision.value.reasons.map((r) => r.code)).toEqual(['compliance.no-window']);
  });
});

describe('proposeRepaymentPlan and decideFollowUps', () => {
  /** A customer who can pay 1,000 CNY a month against the default case's arrears. */
  const affordable100k = () => ({
    tenant: aTenant(),
    case: aCase(),
    snapshot: aSnapshot(),
    monthlyAbilityToPay: { amountMinor: 100_000, currency: 'CNY' },
  });

  test('a proposed plan gets an id from the id source and the status proposed', () => {
    const result = proposeRepaymentPlan(resolve(), affordable100k(), ctx());
    expect(result.ok && result.value.kind === 'plan' && result.value.plan).toMatchObject({
      id: 'plan_000001',
      caseId: 'case_1',
      status: 'proposed',
      totalMinor: 325_000,
    });
  });

  test('a plugin whose instalments do not add up fails instead of proposing', () => {
    const result = proposeRepaymentPlan(
      resolve({ repayment: { id: 'wrong-sums' } }),
      affordable100k(),
      ctx(),
    );
    expect(!result.ok && result.error).toMatchObject({
      policyId: 'wrong-sums',
      detail: 'instalments sum to 99 but the plan total is 100',
    });
  });

  test('follow-ups come in due order with ids and the case id', () => {
    const result = decideFollowUps(
      resolve(),
      {
        tenant: aTenant(),
        case: aCase(),
        outcome: anOutcome({ willingness: 4, monthlyAbilityToPay: { amountMinor: 10_000, currency: 'CNY' } }),
        overdueTotal: { amountMinor: 300_000, currency: 'CNY' },
        plan: null,
        promise: null,
      },
      ctx(),
    );
    expect(result.ok && result.value.followUps.map((f) => `${f.id} ${f.kind}`)).toEqual([
      'fu_000001 restructure_plan',
      'fu_000002 education',
      'fu_000003 education',
      'fu_000004 revisit',
    ]);
  });

  test('an accepted plan, without a visit, gets its instalment timers in due order and says why', () => {
    const proposed = proposeRepaymentPlan(resolve(), affordable100k(), ctx());
    if (!proposed.ok || proposed.value.kind !== 'plan') throw new Error('no plan proposed');
    const plan = { ...proposed.value.plan, status: 'agreed' as const };
    const result = decideFollowUps(
      resolve(),
      {
        tenant: aTenant(),
        case: aCase(),
        outcome: null,
        overdueTotal: { amountMinor: 300_000, currency: 'CNY' },
        plan,
        promise: null,
      },
      ctx(),
    );
    if (!result.ok) throw new Error(result.error.detail);
    const { followUps, reasons } = result.value;
    expect(reasons.map((r) => r.code)).toEqual(['plan.accepted']);
    expect(followUps.map((f) => f.kind)).toEqual(
      plan.instalments.flatMap(() => ['instalment_reminder', 'instalment_check']),
    );
    const dueAts = followUps.map((f) => Date.parse(f.dueAt));
    expect(dueAts).toEqual([...dueAts].sort((a, b) => a - b));
    expect(new Set(followUps.map((f) => f.id)).size).toBe(followUps.length);
  });
});

describe('planVisits', () => {
  const input = {
    tenant: aTenant(),
    date: '2026-03-03',
    agents: [
      { agentId: 'agt_1' as const, base: { lat: 22.54, lon: 114.06 }, maxVisits: 6 },
      { agentId: 'agt_2' as const, base: { lat: 22.54, lon: 114.06 }, maxVisits: 6 },
    ],
    candidates: [
      {
        caseId: 'case_1' as const,
        priority: 10,
        location: { lat: 22.55, lon: 114.07 },
        windows: [{ start: '2026-03-03T00:00:00.000Z', end: '2026-03-03T12:00:00.000Z' }],
        durationMinutes: 45,
        staffNeeded: 2,
      },
    ],
  };

  test("routes through the set's planning policy", () => {
    const result = planVisits(resolve(), input, ctx());
    expect(result.ok && result.value.routes.map((r) => r.agentIds)).toEqual([['agt_1', 'agt_2']]);
  });

  test('a set without planning says so', () => {
    const result = planVisits(resolve({ planning: undefined }), input, ctx());
    expect(!result.ok && result.error.code).toBe('POLICY.NOT_CONFIGURED');
  });
});
