/**
 * What `pnpm create-plugin` writes for each kind: a small working policy on the public SDK, and a
 * table-driven test on the test kit's input builders. Both compile and pass as generated (the
 * scaffold check proves it), so an author starts from green and changes one thing at a time.
 */
import { PLUGIN_CONTRACT_VERSION, type PolicyKind } from '@doorstep/core';

export interface Names {
  /** Kebab-case plugin id, e.g. `several-accounts`. */
  id: string;
  /** The policy's export, e.g. `severalAccounts`. */
  value: string;
  /** The group export, e.g. `severalAccountsPolicies`. */
  group: string;
  /** e.g. `@doorstep/plugin-several-accounts`. */
  packageName: string;
}

interface KindTemplate {
  definition(names: Names): string;
  test(names: Names): string;
  /** One sentence for the README and the docs. */
  summary: string;
}

const contract = `  contract: '${PLUGIN_CONTRACT_VERSION}',`;

/**
 * The kinds the scaffold writes. A risk model is trained, not written by hand: it starts from
 * `credit-default-gbm` (docs/risk-model.md).
 */
export type ScaffoldKind = Exclude<PolicyKind, 'riskModel'>;

export const templates: Record<ScaffoldKind, KindTemplate> = {
  screening: {
    summary: 'visits customers whose overdue total over all their accounts reaches a threshold',
    definition: ({ id, value }) => `import { defineScreeningPolicy, formatMoney, z } from '@doorstep/core';

/**
 * Scaffolded by \`pnpm create-plugin\`: visits a customer whose overdue total over all their accounts
 * reaches \`minOverdueMinor\`, with a priority that grows with it. Change it to your rule.
 */
export const ${value} = defineScreeningPolicy({
  id: '${id}',
  version: '0.1.0',
${contract}
  docs: {
    description: 'Eligible when the customer owes at least minOverdueMinor overdue over all accounts; priority grows with it.',
  },
  reasons: {
    'overdue.enough': 'Customer overdue {amount} >= {threshold}',
    'overdue.too-little': 'Customer overdue {amount} < {threshold}',
  },
  options: z.object({
    /** In the tenant currency's minor units. */
    minOverdueMinor: z.number().int().nonnegative(),
    /** Priority added per threshold owed, capped at 100. */
    pointsPerThreshold: z.number().positive(),
  }),
  defaultOptions: { minOverdueMinor: 100_000, pointsPerThreshold: 10 },
  create: ({ minOverdueMinor, pointsPerThreshold }, { reason }) => ({
    screen: ({ exposure }) => {
      const amount = formatMoney(exposure.overdueMinor, exposure.currency);
      const threshold = formatMoney(minOverdueMinor, exposure.currency);
      if (exposure.overdueMinor < minOverdueMinor) {
        return { eligible: false, score: 0, reasons: [reason('overdue.too-little', { amount, threshold })] };
      }
      const score = Math.min(100, (pointsPerThreshold * exposure.overdueMinor) / Math.max(1, minOverdueMinor));
      return { eligible: true, score, reasons: [reason('overdue.enough', { amount, threshold })] };
    },
  }),
});
`,
    test: ({
      id,
      value,
    }) => `import { anAccountPosition, aScreeningInput, policyUnderTest } from '@doorstep/testkit';
import { describe, expect, test } from 'vitest';
import { ${value} } from './${id}';

const { screen } = policyUnderTest(${value}, { minOverdueMinor: 500_000 });

describe('${id}', () => {
  // The case's own account has 3,250.00 CNY overdue (aSnapshot()); other accounts add theirs.
  test.each([
    ['one account under the threshold', [], false, 'Customer overdue 3250.00 CNY < 5000.00 CNY'],
    [
      'a second late account takes the customer over it',
      [anAccountPosition({ overdueMinor: 200_000, dpd: 40 })],
      true,
      'Customer overdue 5250.00 CNY >= 5000.00 CNY',
    ],
  ] as const)('%s', (_name, otherAccounts, eligible, message) => {
    const verdict = screen(aScreeningInput({ otherAccounts: [...otherAccounts] }));
    expect(verdict.eligible).toBe(eligible);
    expect(verdict.reasons.map((r) => r.message)).toEqual([message]);
  });

  test('the same input gives the same decision', () => {
    expect(screen(aScreeningInput())).toEqual(screen(aScreeningInput()));
  });
});
`,
  },
  compliance: {
    summary: 'allows visits only between two local times and never to a customer who asked for no contact',
    definition: ({
      id,
      value,
    }) => `import { dailyLocalWindows, defineCompliancePolicy, LocalTimeSchema, z } from '@doorstep/core';

/**
 * Scaffolded by \`pnpm create-plugin\`: visits only between \`from\` and \`to\` on the tenant's local
 * clock, and none to a customer who asked for no contact. Change it to your rule.
 */
export const ${value} = defineCompliancePolicy({
  id: '${id}',
  version: '0.1.0',
${contract}
  docs: { description: 'Visits between from and to, local time; none after a cease-contact request.' },
  reasons: {
    'contact.ceased': 'The customer asked for no contact',
  },
  options: z.object({ from: LocalTimeSchema, to: LocalTimeSchema }),
  defaultOptions: { from: '09:00', to: '19:00' },
  create: ({ from, to }, { reason }) => ({
    assessVisit: (query) => {
      if (query.customer.flags.ceaseContact) {
        return {
          windows: [],
          vetoes: [{ ...reason('contact.ceased', {}), rule: 'cease-contact', overridable: false }],
        };
      }
      return { windows: dailyLocalWindows(query.interval, query.tenant.timeZone, { from, to }), vetoes: [] };
    },
  }),
});
`,
    test: ({ id, value }) => `import { aCustomer, aVisitQuery, policyUnderTest } from '@doorstep/testkit';
import { describe, expect, test } from 'vitest';
import { ${value} } from './${id}';

const { assessVisit } = policyUnderTest(${value}, { from: '10:00', to: '17:00' });

describe('${id}', () => {
  // aVisitQuery() asks about 2 March 2026, 09:00–18:00 in Shanghai (01:00–10:00 UTC).
  test.each([
    ['a customer who may be visited', false, [{ start: '2026-03-02T02:00:00.000Z', end: '2026-03-02T09:00:00.000Z' }], []],
    ['a customer who asked for no contact', true, [], ['cease-contact']],
  ] as const)('%s', (_name, ceaseContact, windows, rules) => {
    const assessment = assessVisit(aVisitQuery({ customer: aCustomer({ flags: { ceaseContact } }) }));
    expect(assessment.windows).toEqual(windows);
    expect(assessment.vetoes.map((v) => v.rule)).toEqual(rules);
  });
});
`,
  },
  preparation: {
    summary: 'builds the standard dossier and suggests negotiating a plan once promises were broken',
    definition: ({
      id,
      value,
    }) => `import { definePreparationPolicy, standardDossier, z } from '@doorstep/core';

/**
 * Scaffolded by \`pnpm create-plugin\`: the built-in standard dossier and checklist, with the visit
 * purpose set to negotiating a plan once the customer broke \`brokenPromises\` promises. Change it to your rule.
 */
export const ${value} = definePreparationPolicy({
  id: '${id}',
  version: '0.1.0',
${contract}
  docs: { description: 'Standard dossier; negotiate a plan after repeated broken promises.' },
  reasons: {
    'purpose.negotiate': '{broken} broken promises: negotiate a plan',
    'purpose.understand': '{broken} broken promises: understand the situation first',
  },
  options: z.object({ brokenPromises: z.number().int().positive() }),
  defaultOptions: { brokenPromises: 2 },
  create: ({ brokenPromises }, { reason }) => {
    // Built once per policy set: the standard dossier with its own defaults.
    const standard = standardDossier.create(standardDossier.options.parse(standardDossier.defaultOptions));
    return {
      prepare: (input) => {
        const { dossier, checklist } = standard.prepare(input);
        const broken = input.promises.filter((p) => p.status === 'broken').length;
        return broken >= brokenPromises
          ? { dossier, checklist, purpose: 'negotiate_plan', reasons: [reason('purpose.negotiate', { broken })] }
          : { dossier, checklist, purpose: 'understand_situation', reasons: [reason('purpose.understand', { broken })] };
      },
    };
  },
});
`,
    test: ({ id, value }) => `import type { PromiseToPay } from '@doorstep/core';
import { aPreparationInput, policyUnderTest } from '@doorstep/testkit';
import { describe, expect, test } from 'vitest';
import { ${value} } from './${id}';

const { prepare } = policyUnderTest(${value});
const broken = (n: number): PromiseToPay[] =>
  Array.from({ length: n }, (_, i) => ({
    id: \`ptp_\${i}\`,
    caseId: 'case_1',
    amount: { amountMinor: 50_000, currency: 'CNY' },
    dueDate: '2026-02-01',
    madeAt: '2026-01-20T02:00:00Z',
    status: 'broken',
  }));

describe('${id}', () => {
  test.each([
    [0, 'understand_situation', '0 broken promises: understand the situation first'],
    [2, 'negotiate_plan', '2 broken promises: negotiate a plan'],
  ] as const)('%i broken promises → %s', (count, purpose, message) => {
    const proposal = prepare(aPreparationInput({ promises: broken(count) }));
    expect(proposal.purpose).toBe(purpose);
    expect(proposal.reasons.map((r) => r.message)).toEqual([message]);
    expect(proposal.checklist.length).toBeGreaterThan(0);
  });
});
`,
  },
  planning: {
    summary: 'hands out the highest priorities first, one stop after another, up to each agent’s limit',
    definition: ({
      id,
      value,
    }) => `import { definePlanningPolicy, type PlanningProposal, z } from '@doorstep/core';

/**
 * Scaffolded by \`pnpm create-plugin\`: the highest priorities first, each to the agent with the fewest
 * stops, one after another from the start of the case's first window (travel not counted), up to
 * \`maxStops\` or the agent's \`maxVisits\`. A starting point, not a router: change it to your rule.
 */
export const ${value} = definePlanningPolicy({
  id: '${id}',
  version: '0.1.0',
${contract}
  docs: { description: 'Highest priority first, evenly over the agents, without travel times.' },
  reasons: {
    'stop.by-priority': 'Stop {order} of {agentId}, priority {priority}',
    'unplanned.no-room': 'No agent has room or the case has no window',
  },
  options: z.object({ maxStops: z.number().int().positive() }),
  defaultOptions: { maxStops: 8 },
  create: ({ maxStops }, { reason }) => ({
    plan: ({ agents, candidates }) => {
      type Route = PlanningProposal<Parameters<typeof reason>[0]>['routes'][number];
      const routes: Route[] = agents.map((agent) => ({ agentIds: [agent.agentId], stops: [] }));
      const freeAt = agents.map(() => 0);
      const unplanned: PlanningProposal<Parameters<typeof reason>[0]>['unplanned'] = [];
      const ordered = [...candidates].sort((a, b) => b.priority - a.priority || (a.caseId < b.caseId ? -1 : 1));
      for (const candidate of ordered) {
        const open = agents
          .map((agent, i) => ({ agent, i }))
          .filter(({ agent, i }) => routes[i]!.stops.length < Math.min(maxStops, agent.maxVisits))
          .sort((a, b) => routes[a.i]!.stops.length - routes[b.i]!.stops.length)[0];
        const window = candidate.windows[0];
        if (open === undefined || window === undefined) {
          unplanned.push({ caseId: candidate.caseId, reasons: [reason('unplanned.no-room', {})] });
          continue;
        }
        const start = Math.max(Date.parse(window.start), freeAt[open.i]!);
        const end = start + candidate.durationMinutes * 60_000;
        freeAt[open.i] = end;
        const route = routes[open.i]!;
        const order = route.stops.length + 1;
        route.stops.push({
          caseId: candidate.caseId,
          window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
          order,
          reasons: [
            reason('stop.by-priority', { order, agentId: open.agent.agentId, priority: candidate.priority }),
          ],
        });
      }
      return { routes, unplanned };
    },
  }),
});
`,
    test: ({ id, value }) => `import { aPlanningInput, policyUnderTest } from '@doorstep/testkit';
import { describe, expect, test } from 'vitest';
import { ${value} } from './${id}';

describe('${id}', () => {
  // aPlanningInput(): one team (agt_1), case_1 at priority 80 and case_2 at 40, both open 09:00–18:00.
  test.each([
    [8, ['case_1', 'case_2'], []],
    [1, ['case_1'], ['case_2']],
  ] as const)('at most %i stops: planned %j, unplanned %j', (maxStops, planned, left) => {
    const proposal = policyUnderTest(${value}, { maxStops }).plan(aPlanningInput());
    expect(proposal.routes[0]?.stops.map((s) => s.caseId)).toEqual(planned);
    expect(proposal.unplanned.map((u) => u.caseId)).toEqual(left);
  });

  test('stops follow one another', () => {
    const [first, second] = policyUnderTest(${value}).plan(aPlanningInput()).routes[0]!.stops;
    expect(first?.window.end).toBe(second?.window.start);
  });
});
`,
  },
  repayment: {
    summary: 'splits the arrears into equal monthly instalments the customer can afford, or refuses',
    definition: ({ id, value }) => `import {
  addDays,
  addMonthsClamped,
  defineRepaymentPolicy,
  formatMoney,
  localDateAt,
  overdueTotalMinor,
  type ProposedInstalment,
  z,
  zonedToInstant,
} from '@doorstep/core';

/**
 * Scaffolded by \`pnpm create-plugin\`: the whole arrears in equal monthly instalments no larger than
 * what the customer can pay, the first \`firstDueAfterDays\` from today, or a refusal beyond
 * \`maxMonths\`. Amounts are whole minor units adding up exactly. Change it to your rule.
 */
export const ${value} = defineRepaymentPolicy({
  id: '${id}',
  version: '0.1.0',
${contract}
  docs: { description: 'Equal monthly instalments within the ability to pay, up to maxMonths.' },
  reasons: {
    'plan.equal': '{months} monthly instalments of about {instalment}',
    'refusal.currency': 'Ability in {ability} but the debt is in {debt}',
    'refusal.too-long': 'Repaying {total} at {ability} a month takes {months} months > {maxMonths}',
  },
  options: z.object({
    maxMonths: z.number().int().min(1).max(60),
    firstDueAfterDays: z.number().int().nonnegative(),
  }),
  defaultOptions: { maxMonths: 12, firstDueAfterDays: 7 },
  create: ({ maxMonths, firstDueAfterDays }, { reason }) => ({
    propose: ({ now, tenant, snapshot, monthlyAbilityToPay: ability }) => {
      const currency = snapshot.currency;
      if (ability.currency !== currency) {
        return { kind: 'refusal', reasons: [reason('refusal.currency', { ability: ability.currency, debt: currency })] };
      }
      const total = overdueTotalMinor(snapshot);
      const months = ability.amountMinor > 0 ? Math.max(1, Math.ceil(total / ability.amountMinor)) : Infinity;
      if (months > maxMonths) {
        const facts = { total: formatMoney(total, currency), ability: formatMoney(ability.amountMinor, currency) };
        return {
          kind: 'refusal',
          reasons: [reason('refusal.too-long', { ...facts, months: String(months), maxMonths })],
        };
      }
      const first = addDays(localDateAt(now, tenant.timeZone), firstDueAfterDays);
      const base = Math.floor(total / months);
      const instalments: ProposedInstalment[] = Array.from({ length: months }, (_, i) => {
        const dueDate = addMonthsClamped(first, i);
        return {
          sequence: i + 1,
          dueDate,
          dueAt: zonedToInstant(dueDate, '23:59:59', tenant.timeZone),
          amountMinor: base + (i < total - base * months ? 1 : 0),
        };
      });
      return {
        kind: 'plan',
        currency,
        totalMinor: total,
        waivedMinor: 0,
        instalments,
        reasons: [reason('plan.equal', { months, instalment: formatMoney(base, currency) })],
      };
    },
  }),
});
`,
    test: ({ id, value }) => `import { aRepaymentInput, policyUnderTest } from '@doorstep/testkit';
import { describe, expect, test } from 'vitest';
import { ${value} } from './${id}';

const { propose } = policyUnderTest(${value}, { maxMonths: 6 });

describe('${id}', () => {
  // aRepaymentInput(): 3,250.00 CNY overdue on 2 March 2026 in Shanghai.
  test.each([
    [100_000, 'plan', '4 monthly instalments of about 812.50 CNY'],
    [50_000, 'refusal', 'Repaying 3250.00 CNY at 500.00 CNY a month takes 7 months > 6'],
  ] as const)('ability %i → %s', (amountMinor, kind, message) => {
    const proposal = propose(aRepaymentInput({ monthlyAbilityToPay: { amountMinor, currency: 'CNY' } }));
    expect(proposal.kind).toBe(kind);
    expect(proposal.reasons.map((r) => r.message)).toEqual([message]);
  });

  test('instalments add up to exactly the arrears', () => {
    const proposal = propose(aRepaymentInput({ monthlyAbilityToPay: { amountMinor: 70_000, currency: 'CNY' } }));
    if (proposal.kind !== 'plan') throw new Error('expected a plan');
    expect(proposal.instalments.reduce((sum, i) => sum + i.amountMinor, 0)).toBe(proposal.totalMinor);
    expect(proposal.instalments[0]?.dueDate).toBe('2026-03-09');
  });
});
`,
  },
  followUp: {
    summary: 'checks a promise the day after it falls due and revisits after a number of days',
    definition: ({ id, value }) => `import {
  addDays,
  defineFollowUpPolicy,
  LocalTimeSchema,
  localDateAt,
  type ProposedFollowUp,
  z,
  zonedToInstant,
} from '@doorstep/core';

/**
 * Scaffolded by \`pnpm create-plugin\`: checks a promise to pay the day after its date and, after a
 * visit, revisits in \`revisitAfterDays\`; a plan accepted without a visit gets no revisit. Change it to your rule.
 */
export const ${value} = defineFollowUpPolicy({
  id: '${id}',
  version: '0.1.0',
${contract}
  docs: { description: 'Promise check the day after; a revisit after revisitAfterDays.' },
  reasons: {
    'promise.check': 'Check the promise due {dueDate} the day after',
    'revisit.after': 'Revisit in {days} days',
    'schedule.visit': 'After the visit',
    'schedule.plan': 'After the plan was accepted',
  },
  options: z.object({ revisitAfterDays: z.number().int().positive(), localTime: LocalTimeSchema }),
  defaultOptions: { revisitAfterDays: 14, localTime: '10:00' },
  create: ({ revisitAfterDays, localTime }, { reason }) => ({
    decide: ({ now, tenant, outcome, promise }) => {
      const zone = tenant.timeZone;
      const followUps: ProposedFollowUp<Parameters<typeof reason>[0]>[] = [];
      if (promise !== null) {
        followUps.push({
          kind: 'promise_check',
          dueAt: zonedToInstant(addDays(promise.dueDate, 1), localTime, zone),
          educationTopic: null,
          reason: reason('promise.check', { dueDate: promise.dueDate }),
        });
      }
      if (outcome !== null) {
        followUps.push({
          kind: 'revisit',
          dueAt: zonedToInstant(addDays(localDateAt(now, zone), revisitAfterDays), localTime, zone),
          educationTopic: null,
          reason: reason('revisit.after', { days: revisitAfterDays }),
        });
      }
      return { followUps, reasons: [reason(outcome === null ? 'schedule.plan' : 'schedule.visit', {})] };
    },
  }),
});
`,
    test: ({ id, value }) => `import type { PromiseToPay } from '@doorstep/core';
import { aFollowUpInput, policyUnderTest } from '@doorstep/testkit';
import { describe, expect, test } from 'vitest';
import { ${value} } from './${id}';

const { decide } = policyUnderTest(${value}, { revisitAfterDays: 7 });
const promise: PromiseToPay = {
  id: 'ptp_1',
  caseId: 'case_1',
  amount: { amountMinor: 100_000, currency: 'CNY' },
  dueDate: '2026-03-10',
  madeAt: '2026-03-02T02:00:00Z',
  status: 'open',
};

describe('${id}', () => {
  // aFollowUpInput(): right after a visit on 2 March 2026, 10:00 in Shanghai.
  test.each([
    ['a visit without a promise', {}, ['revisit@2026-03-09T02:00:00.000Z']],
    [
      'a visit with a promise',
      { promise },
      ['promise_check@2026-03-11T02:00:00.000Z', 'revisit@2026-03-09T02:00:00.000Z'],
    ],
    ['a plan accepted without a visit', { outcome: null }, []],
  ] as const)('%s', (_name, overrides, schedule) => {
    const proposal = decide(aFollowUpInput(overrides));
    expect(proposal.followUps.map((f) => \`\${f.kind}@\${f.dueAt}\`)).toEqual(schedule);
  });
});
`,
  },
  relationship: {
    summary: 'checks in with a customer a number of months after their case is cured, never about money',
    definition: ({ id, value }) => `import {
  addMonthsClamped,
  defineRelationshipPolicy,
  LocalTimeSchema,
  localDateAt,
  type PlannedContact,
  z,
  zonedToInstant,
} from '@doorstep/core';

/**
 * Scaffolded by \`pnpm create-plugin\`: one check-in message \`checkInAfterMonths\` after a cure, at
 * \`localTime\` in the tenant's zone, unless the customer said no. Every contact is judged again by
 * compliance when it falls due. Change it to your rule (more contacts, a lesson offer, opt-in consent).
 */
export const ${value} = defineRelationshipPolicy({
  id: '${id}',
  version: '0.1.0',
${contract}
  docs: { description: 'A check-in message checkInAfterMonths after a cure; contact unless the customer said no.' },
  reasons: {
    'consent.opt-out': 'Contact after a cure unless the customer said no',
    'check-in.planned': 'Check in {months} month(s) after the cure, on {date}',
    'check-in.past': 'The check-in fell on {date}, before this cure was seen; it is not sent late',
  },
  options: z.object({ checkInAfterMonths: z.number().int().min(1).max(24), localTime: LocalTimeSchema }),
  defaultOptions: { checkInAfterMonths: 1, localTime: '10:00' },
  create: ({ checkInAfterMonths, localTime }, { reason }) => ({
    afterCure: ({ now, tenant, cure }) => {
      const zone = tenant.timeZone;
      // A cure on 31 January checks in on the last day of February, not in March.
      const date = addMonthsClamped(localDateAt(cure.curedAt, zone), checkInAfterMonths);
      const dueAt = zonedToInstant(date, localTime, zone);
      const consent = reason('consent.opt-out', {});
      // A cure seen late (intake caught up) must not make a "one month on" message arrive months on.
      if (Date.parse(dueAt) <= Date.parse(now)) {
        return { contacts: [], consent: 'opt-out', experiment: null, reasons: [consent, reason('check-in.past', { date })] };
      }
      const checkIn: PlannedContact<Parameters<typeof reason>[0]> = {
        kind: 'check_in',
        dueAt,
        monthsAfterCure: checkInAfterMonths,
        lessonId: null,
        reason: reason('check-in.planned', { months: checkInAfterMonths, date }),
      };
      return { contacts: [checkIn], consent: 'opt-out', experiment: null, reasons: [consent] };
    },
  }),
});
`,
    test: ({ id, value }) => `import { aRelationshipInput, policyUnderTest } from '@doorstep/testkit';
import { describe, expect, test } from 'vitest';
import { ${value} } from './${id}';

describe('${id}', () => {
  // Each row: months to wait, when the case was cured, when the cure was seen, what is planned.
  test.each([
    ['a month on', 1, '2026-03-02T02:00:00Z', '2026-03-02T02:00:00Z', ['check_in@2026-04-02T02:00:00.000Z']],
    ['three months on', 3, '2026-03-02T02:00:00Z', '2026-03-02T02:00:00Z', ['check_in@2026-06-02T02:00:00.000Z']],
    ['from 31 January, 28 February', 1, '2026-01-31T02:00:00Z', '2026-01-31T02:00:00Z', ['check_in@2026-02-28T02:00:00.000Z']],
    ['a cure seen after its check-in date: nothing sent late', 1, '2026-01-02T02:00:00Z', '2026-03-02T02:00:00Z', []],
  ] as const)('%s', (_name, checkInAfterMonths, curedAt, now, contacts) => {
    const { afterCure } = policyUnderTest(${value}, { checkInAfterMonths });
    const input = aRelationshipInput();
    const plan = afterCure({ ...input, now, cure: { ...input.cure, curedAt } });
    expect(plan.contacts.map((c) => \`\${c.kind}@\${c.dueAt}\`)).toEqual(contacts);
    expect(plan.consent).toBe('opt-out');
  });
});
`,
  },
};

export const SCAFFOLD_KINDS = Object.keys(templates) as ScaffoldKind[];
