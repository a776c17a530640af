import { describe, expect, test } from 'vitest';
import type { FollowUpInput } from '../../contracts/follow-up';
import type { RepaymentPlan } from '../../domain/repayment-plan';
import type { HardshipReason } from '../../domain/visit-outcome';
import { aCase, anOutcome, aTenant } from '../../testing/builders';
import { willingnessAbility } from './willingness-ability';

// 2026-03-02 10:00 in Shanghai; follow-ups fall due at 10:00 local = 02:00 UTC.
const now = '2026-03-02T02:00:00Z';
const input = (overrides: Partial<FollowUpInput> = {}): FollowUpInput => ({
  now,
  tenant: aTenant(),
  case: aCase({ status: 'visited' }),
  outcome: anOutcome(),
  overdueTotal: { amountMinor: 300_000, currency: 'CNY' },
  plan: null,
  promise: null,
  ...overrides,
});

const decide = willingnessAbility.create(willingnessAbility.defaultOptions).decide;
const schedule = (i: FollowUpInput) =>
  decide(i).followUps.map(
    (f) => `${f.kind}@${f.dueAt.slice(0, 10)}${f.educationTopic ? `:${f.educationTopic}` : ''}`,
  );

const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

/** 1,000 CNY due on each date, late from the end of that day in Shanghai. */
const monthlyPlan = (dueDates: string[]): RepaymentPlan => ({
  id: 'plan_1',
  caseId: 'case_1',
  currency: 'CNY',
  totalMinor: 100_000 * dueDates.length,
  waivedMinor: 0,
  status: 'agreed',
  createdAt: now,
  instalments: dueDates.map((dueDate, i) => ({
    sequence: i + 1,
    dueDate,
    dueAt: `${dueDate}T15:59:59Z`,
    amountMinor: 100_000,
  })),
});

describe('willingness × ability quadrant', () => {
  test.each([
    // willingness, monthly ability, quadrant, schedule
    [4, cny(50_000), 'quadrant.willing-able', ['revisit@2026-04-01']],
    [
      3,
      cny(10_000),
      'quadrant.willing-unable',
      [
        'restructure_plan@2026-03-04',
        'education@2026-03-09:budgeting',
        'education@2026-03-16:debt_priorities',
        'revisit@2026-04-01',
      ],
    ],
    [2, cny(50_000), 'quadrant.unwilling-able', ['escalation@2026-03-03']],
    [
      1,
      cny(10_000),
      'quadrant.unwilling-unable',
      ['hardship_review@2026-03-05', 'education@2026-03-09:hardship_support', 'revisit@2026-04-01'],
    ],
    [null, cny(50_000), 'quadrant.unwilling-able', ['escalation@2026-03-03']],
    [
      5,
      null,
      'quadrant.willing-unable',
      [
        'restructure_plan@2026-03-04',
        'education@2026-03-09:budgeting',
        'education@2026-03-16:debt_priorities',
        'revisit@2026-04-01',
      ],
    ],
  ] as const)('willingness %s, ability %j → %s', (willingness, ability, quadrant, expected) => {
    const i = input({ outcome: anOutcome({ willingness, monthlyAbilityToPay: ability }) });
    const proposal = decide(i);
    expect(proposal.reasons.at(-1)?.code).toBe(quadrant);
    expect(schedule(i)).toEqual(expected);
    for (const f of proposal.followUps) expect(f.dueAt.slice(11)).toBe('02:00:00.000Z');
  });

  test('reasons explain both axes', () => {
    const messages = decide(
      input({ outcome: anOutcome({ willingness: 2, monthlyAbilityToPay: cny(10_000) }) }),
    ).reasons.map((r) => r.message);
    expect(messages).toEqual([
      'Willingness 2 < 3',
      'Ability 100.00 CNY/month x 12 months < overdue 3000.00 CNY',
      'Unwilling and unable: review hardship',
    ]);
  });
});

describe('contact results other than meeting the customer', () => {
  test.each([
    ['nobody_home', ['revisit@2026-03-05'], 'contact.not-met'],
    ['third_party_only', ['revisit@2026-03-05'], 'contact.not-met'],
    ['moved', ['revisit@2026-03-05'], 'contact.not-met'],
    ['refused', ['escalation@2026-03-03'], 'contact.refused'],
  ] as const)('%s', (contactResult, expected, code) => {
    const i = input({ outcome: anOutcome({ contactResult, willingness: null }) });
    expect(schedule(i)).toEqual(expected);
    expect(decide(i).reasons.map((r) => r.code)).toEqual([code]);
  });
});

describe('promises and instalments', () => {
  test('a promise is checked the day after its date, at the local follow-up time', () => {
    const promise = {
      id: 'ptp_1',
      caseId: 'case_1',
      amount: cny(100_000),
      dueDate: '2026-03-31',
      madeAt: now,
      status: 'open',
    } as const;
    const followUps = decide(input({ promise })).followUps;
    const check = followUps.find((f) => f.kind === 'promise_check');
    expect(check?.dueAt).toBe('2026-04-01T02:00:00.000Z');
    expect(check?.reason.message).toBe('Check the promise of 1000.00 CNY due 2026-03-31 on the day after');
  });

  test('each instalment gets a reminder before and a check after; past ones are skipped', () => {
    const plan = monthlyPlan(['2026-03-03', '2026-04-03']);
    expect(schedule(input({ plan })).filter((s) => s.startsWith('instalment'))).toEqual([
      'instalment_check@2026-03-04',
      'instalment_reminder@2026-03-31',
      'instalment_check@2026-04-04',
    ]);
  });
});

describe('an accepted plan without a visit', () => {
  const plan = monthlyPlan(['2026-03-04', '2026-04-04', '2026-05-04']);

  test('schedules only the plan: a reminder before and a check after each instalment, in the tenant zone', () => {
    const proposal = decide(input({ outcome: null, plan }));
    expect(proposal.followUps.map((f) => `${f.kind}@${f.dueAt}`)).toEqual([
      // The first reminder (2026-03-01) is already past when the plan is accepted on 2 March.
      'instalment_check@2026-03-05T02:00:00.000Z',
      'instalment_reminder@2026-04-01T02:00:00.000Z',
      'instalment_check@2026-04-05T02:00:00.000Z',
      'instalment_reminder@2026-05-01T02:00:00.000Z',
      'instalment_check@2026-05-05T02:00:00.000Z',
    ]);
    expect(proposal.reasons.map((r) => [r.code, r.message])).toEqual([
      ['plan.accepted', 'Plan of 3 instalments accepted: remind before and check after each'],
    ]);
    expect(proposal.followUps[1]?.reason).toMatchObject({
      code: 'instalment.reminder',
      message: 'Remind 3 days before instalment 2 due 2026-04-04',
    });
  });

  test('follows the tenant zone and the configured local time', () => {
    const custom = willingnessAbility.create({
      ...willingnessAbility.defaultOptions,
      localTime: '09:30',
      reminderDaysBefore: 1,
    }).decide;
    const proposal = custom(input({ outcome: null, plan, tenant: aTenant({ timeZone: 'Europe/London' }) }));
    expect(proposal.followUps.slice(0, 2).map((f) => `${f.kind}@${f.dueAt}`)).toEqual([
      'instalment_reminder@2026-03-03T09:30:00.000Z',
      'instalment_check@2026-03-05T09:30:00.000Z',
    ]);
  });

  test('without a plan there is nothing to follow up, and it says so', () => {
    const proposal = decide(input({ outcome: null }));
    expect(proposal.followUps).toEqual([]);
    expect(proposal.reasons.map((r) => r.code)).toEqual(['outcome.none']);
  });
});

describe('hardship pause', () => {
  const hardship = (hardshipReasons: HardshipReason[], willingness = 1) =>
    input({ outcome: anOutcome({ willingness, monthlyAbilityToPay: cny(50_000), hardshipReasons }) });

  test('reported job loss starts a 30-day pause: collection moves to its end, a check-in call falls inside it', () => {
    const proposal = decide(hardship(['job_loss']));
    expect(proposal.pause).toEqual({
      reasons: ['job_loss'],
      from: now,
      until: '2026-04-01T02:00:00.000Z',
    });
    // Lessons are supportive: the job-loss lessons keep their weekly days inside the pause.
    expect(schedule(hardship(['job_loss']))).toEqual([
      'escalation@2026-04-01',
      'education@2026-03-09:budgeting',
      'education@2026-03-16:hardship_support',
      'check_in_call@2026-03-16',
    ]);
    expect(proposal.reasons.map((r) => r.code)).toContain('hardship.pause');
    expect(proposal.followUps.find((f) => f.kind === 'escalation')?.reason).toMatchObject({
      code: 'hardship.deferred',
      message: 'Escalate within 1 days; moved to the end of the hardship pause',
    });
  });

  test('supportive follow-ups keep their day; several reasons take the longest pause', () => {
    const decideWith = willingnessAbility.create(
      willingnessAbility.options.parse({
        ...willingnessAbility.defaultOptions,
        hardshipPause: {
          ...willingnessAbility.defaultOptions.hardshipPause,
          days: { ...willingnessAbility.defaultOptions.hardshipPause.days, illness: 60 },
        },
      }),
    ).decide;
    const i = input({
      outcome: anOutcome({
        willingness: 4,
        monthlyAbilityToPay: cny(10_000),
        hardshipReasons: ['job_loss', 'illness'],
      }),
    });
    const proposal = decideWith(i);
    expect(proposal.pause?.until).toBe('2026-05-01T02:00:00.000Z');
    expect(proposal.followUps.map((f) => `${f.kind}@${f.dueAt.slice(0, 10)}`)).toEqual([
      'restructure_plan@2026-05-01',
      'education@2026-03-09',
      'education@2026-03-16',
      'education@2026-03-23',
      'revisit@2026-05-01',
      'check_in_call@2026-03-16',
    ]);
  });

  test('a reason set to 0 days starts no pause, and no hardship changes nothing', () => {
    const noPause = willingnessAbility.create(
      willingnessAbility.options.parse({
        ...willingnessAbility.defaultOptions,
        hardshipPause: {
          ...willingnessAbility.defaultOptions.hardshipPause,
          days: { ...willingnessAbility.defaultOptions.hardshipPause.days, other: 0 },
        },
      }),
    ).decide;
    expect(noPause(hardship(['other'])).pause).toBeNull();
    expect(decide(hardship([])).pause).toBeNull();
    expect(schedule(hardship([], 2))).toEqual(['escalation@2026-03-03']);
  });
});
describe('lessons chosen by hardship and quadrant', () => {
  test('an irregular income brings the budgeting lesson, whatever the quadrant', () => {
    const outcome = anOutcome({
      willingness: 4,
      monthlyAbilityToPay: cny(50_000),
      hardshipReasons: ['irregular_income'],
    });
    const decided = decide(input({ outcome }));
    expect(schedule(input({ outcome }))).toEqual(['revisit@2026-04-01', 'education@2026-03-09:budgeting']);
    expect(decided.followUps.find((f) => f.kind === 'education')?.reason).toMatchObject({
      code: 'education.hardship',
      data: { hardship: 'irregular_income', topic: 'budgeting' },
    });
  });

  test('hardship lessons come first, then the quadrant’s, each once, a week apart', () => {
    const outcome = anOutcome({
      willingness: 3,
      monthlyAbilityToPay: cny(10_000),
      hardshipReasons: ['job_loss'],
    });
    expect(schedule(input({ outcome })).filter((s) => s.startsWith('education'))).toEqual([
      'education@2026-03-09:budgeting',
      'education@2026-03-16:hardship_support',
      'education@2026-03-23:debt_priorities',
    ]);
  });
});
