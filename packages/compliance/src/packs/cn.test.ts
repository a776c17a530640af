import { describe, expect, it } from 'vitest';
import { type PackCase, summary, visitQuery, windows } from '../testing/query';
import { cnPack as cn, retainUntil } from './cn';
import { assessDisclosure } from './common';

const policy = cn.create(cn.defaultOptions);
const DAY = ['2026-05-06T16:00:00Z', '2026-05-07T16:00:00Z'] as const; // 7 May, Shanghai midnight to midnight

const cases: PackCase[] = [
  {
    name: 'two staff in Shanghai: 08:00–22:00 CST',
    query: { interval: DAY, zone: 'Asia/Shanghai' },
    windows: windows(['2026-05-07T00:00', '2026-05-07T14:00']),
  },
  {
    name: 'a customer in Urumqi keeps the hours of his own zone, not the Shanghai tenant’s',
    query: { interval: DAY, tenantZone: 'Asia/Shanghai', zone: 'Asia/Urumqi' },
    windows: windows(['2026-05-07T02:00', '2026-05-07T16:00']),
  },
  {
    name: 'consent to visits outside hours opens the night',
    query: { interval: DAY, zone: 'Asia/Shanghai', flags: ['consentOutsideHours'] },
    windows: windows(['2026-05-06T16:00', '2026-05-07T16:00']),
  },
  {
    name: 'a night-only interval is vetoed by the quiet hours, not overridable',
    query: { interval: ['2026-05-07T14:30:00Z', '2026-05-07T23:30:00Z'], zone: 'Asia/Shanghai' },
    windows: [],
    vetoes: [{ rule: 'contact-hours', code: 'hours.outside-allowed', overridable: false }],
  },
  {
    name: 'one agent alone may not visit',
    query: { interval: DAY, zone: 'Asia/Shanghai', staff: 1 },
    windows: [],
    vetoes: [{ rule: 'two-staff', code: 'visit.too-few-staff', overridable: false }],
  },
  {
    name: 'at screening nobody is assigned yet, so the staff rule waits',
    query: { interval: DAY, zone: 'Asia/Shanghai', staff: 0, stage: 'screening' },
    windows: windows(['2026-05-07T00:00', '2026-05-07T14:00']),
  },
  {
    name: 'the same agent listed twice is still one agent',
    query: { interval: DAY, zone: 'Asia/Shanghai', staff: ['agt_a', 'agt_a'] },
    windows: [],
    vetoes: [{ rule: 'two-staff', code: 'visit.too-few-staff', overridable: false }],
  },
  {
    name: 'National Day is a holiday: only the day after remains',
    query: {
      interval: ['2026-09-30T16:00:00Z', '2026-10-02T16:00:00Z'],
      zone: 'Asia/Shanghai',
      holidays: ['2026-10-01'],
    },
    windows: windows(['2026-10-02T00:00', '2026-10-02T14:00']),
  },
  {
    name: 'a visit five days ago: the cool-down trims the first two days of the week',
    query: {
      interval: ['2026-05-06T16:00:00Z', '2026-05-09T16:00:00Z'],
      zone: 'Asia/Shanghai',
      visits: ['2026-05-02T03:00:00Z'],
    },
    windows: windows(['2026-05-09T03:00', '2026-05-09T14:00']),
  },
  {
    name: 'within the cool-down the veto is overridable and the windows stay for the override',
    query: { interval: DAY, zone: 'Asia/Shanghai', visits: ['2026-05-05T03:00:00Z'] },
    windows: windows(['2026-05-07T00:00', '2026-05-07T14:00']),
    vetoes: [{ rule: 'cooldown', code: 'visits.cooldown', overridable: true }],
  },
  {
    name: 'three visits in thirty days reach the cap',
    query: {
      interval: DAY,
      zone: 'Asia/Shanghai',
      visits: ['2026-04-10T03:00:00Z', '2026-04-20T03:00:00Z', '2026-04-29T03:00:00Z'],
    },
    windows: windows(['2026-05-07T00:00', '2026-05-07T14:00']),
    vetoes: [{ rule: 'visit-cap', code: 'visits.cap-reached', overridable: true }],
  },
  {
    name: 'deceased and bankrupt: both non-overridable, no windows',
    query: { interval: DAY, zone: 'Asia/Shanghai', flags: ['deceased', 'bankruptcy'] },
    windows: [],
    vetoes: [
      { rule: 'deceased', code: 'customer.deceased', overridable: false },
      { rule: 'bankruptcy', code: 'customer.bankruptcy', overridable: false },
    ],
  },
  {
    name: 'cease-contact and dispute are overridable',
    query: { interval: DAY, zone: 'Asia/Shanghai', flags: ['ceaseContact', 'dispute'] },
    windows: windows(['2026-05-07T00:00', '2026-05-07T14:00']),
    vetoes: [
      { rule: 'cease-contact', code: 'customer.cease-contact', overridable: true },
      { rule: 'dispute', code: 'customer.dispute', overridable: true },
    ],
  },
];

describe('compliance/cn', () => {
  it.each(cases)('$name', ({ query, windows, vetoes = [] }) => {
    expect(summary(policy.assessVisit(visitQuery(query)))).toEqual({ windows, vetoes });
  });

  it('renders the veto message from its data', () => {
    const [veto] = policy.assessVisit(visitQuery({ interval: DAY, zone: 'Asia/Shanghai', staff: 1 })).vetoes;
    expect(veto).toMatchObject({
      data: { minStaff: 2, staff: 1 },
      message: 'Field visits need at least 2 staff; 1 assigned',
    });
  });

  it('tells when the cool-down ends', () => {
    const query = visitQuery({ interval: DAY, zone: 'Asia/Shanghai', visits: ['2026-05-05T03:00:00Z'] });
    expect(policy.assessVisit(query).vetoes[0]?.message).toBe(
      'Visits need 7 days between them; the next may start at 2026-05-12T03:00:00.000Z',
    );
  });

  it('takes every number as an option: three staff required', () => {
    const strict = cn.create({ ...cn.defaultOptions, minStaff: 3 });
    const query = visitQuery({ interval: DAY, zone: 'Asia/Shanghai', staff: 2 });
    expect(strict.assessVisit(query).vetoes.map((veto) => veto.code)).toEqual(['visit.too-few-staff']);
  });

  it.each([
    { outcome: { metParty: 'third-party', debtDisclosed: true }, breach: true },
    { outcome: { metParty: 'third-party', debtDisclosed: false }, breach: false },
    { outcome: { metParty: 'guarantor', debtDisclosed: true }, breach: false },
    { outcome: { metParty: 'debtor', debtDisclosed: true }, breach: false },
  ] as const)('outcome $outcome is a breach: $breach', ({ outcome, breach }) => {
    const found = assessDisclosure(outcome);
    expect(found.map((veto) => [veto.rule, veto.overridable])).toEqual(
      breach ? [['third-party-disclosure', false]] : [],
    );
  });

  it('names the disclosure rule in the pack catalogue', () => {
    expect(cn.reasons['privacy.third-party-disclosure']).toBeDefined();
  });

  it.each([
    { recordedAt: '2026-05-07T10:00:00Z', years: 2, until: '2028-05-07T10:00:00.000Z' },
    { recordedAt: '2026-05-07T10:00:00Z', years: 5, until: '2031-05-07T10:00:00.000Z' },
  ])('keeps a record of $recordedAt for $years years', ({ recordedAt, years, until }) => {
    expect(retainUntil(recordedAt, years)).toBe(until);
  });

  it('refuses options below the regulatory floor', () => {
    expect(cn.options.safeParse({ ...cn.defaultOptions, retentionYears: 1 }).success).toBe(false);
    expect(cn.options.safeParse(cn.defaultOptions).success).toBe(true);
  });
});
