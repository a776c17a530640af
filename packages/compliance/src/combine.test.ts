import { type ComplianceFunctions, permitAll } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { combineCompliance } from './combine';
import { cnPack } from './packs/cn';
import { ukPack } from './packs/uk';
import { usPack } from './packs/us';
import { type QueryInput, summary, visitQuery, windows } from './testing/query';

const cn = cnPack.create(cnPack.defaultOptions);
const us = usPack.create(usPack.defaultOptions);
const uk = ukPack.create(ukPack.defaultOptions);
const noTimeAtAll: ComplianceFunctions = { assessVisit: () => ({ windows: [], vetoes: [] }) };

const SHANGHAI_DAY = ['2026-05-06T16:00:00Z', '2026-05-07T16:00:00Z'] as const;

describe('combineCompliance: assessVisit', () => {
  it.each([
    {
      name: 'windows intersect: the stricter 21:00 of Reg F wins over 22:00',
      policies: [cn, us],
      query: { interval: SHANGHAI_DAY, zone: 'Asia/Shanghai' },
      windows: windows(['2026-05-07T00:00', '2026-05-07T13:00']),
      vetoes: [],
    },
    {
      name: 'vetoes add up across packs, each naming its rule',
      policies: [cn, us],
      query: { interval: SHANGHAI_DAY, zone: 'Asia/Shanghai', staff: 1, flags: ['ceaseContact'] as const },
      windows: [],
      vetoes: [
        { rule: 'cease-contact', code: 'customer.cease-contact', overridable: true },
        { rule: 'two-staff', code: 'visit.too-few-staff', overridable: false },
        { rule: 'cease-contact', code: 'customer.cease-contact', overridable: false },
      ],
    },
    {
      name: 'a pack that permits everything changes nothing',
      policies: [cn, permitAll.create({})],
      query: { interval: SHANGHAI_DAY, zone: 'Asia/Shanghai' },
      windows: windows(['2026-05-07T00:00', '2026-05-07T14:00']),
      vetoes: [],
    },
    {
      name: 'no packs: the whole interval',
      policies: [],
      query: { interval: SHANGHAI_DAY, zone: 'Asia/Shanghai' },
      windows: windows(['2026-05-06T16:00', '2026-05-07T16:00']),
      vetoes: [],
    },
  ])('$name', ({ policies, query, windows, vetoes }) => {
    expect(summary(combineCompliance(policies).assessVisit(visitQuery(query)))).toEqual({ windows, vetoes });
  });
});

describe('combineCompliance: assessCheckIn', () => {
  const shanghai = (extra: Partial<QueryInput> = {}) =>
    visitQuery({ interval: SHANGHAI_DAY, zone: 'Asia/Shanghai', ...extra });

  it.each([
    { name: '10:00 local with two staff', policies: [cn], query: shanghai(), at: '2026-05-07T02:00:00Z' },
    {
      name: 'a lifted cool-down lets the visit proceed',
      policies: [cn],
      query: shanghai({ visits: ['2026-05-05T03:00:00Z'] }),
      at: '2026-05-07T02:00:00Z',
      overrides: ['cooldown'],
      overridden: ['cooldown'],
    },
    {
      name: 'the check-in instant ignores the planning interval it was given',
      policies: [cn],
      query: visitQuery({
        interval: ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
        zone: 'Asia/Shanghai',
      }),
      at: '2026-05-07T13:59:59Z',
    },
  ])('allowed: $name', ({ policies, query, at, overrides, overridden = [] }) => {
    const decision = combineCompliance(policies).assessCheckIn(query, at, overrides);
    expect(decision).toMatchObject({ allowed: true });
    expect(decision.allowed && decision.overridden.map((veto) => veto.rule)).toEqual(overridden);
  });

  it.each([
    {
      name: '23:00 local is in the quiet hours',
      policies: [cn],
      query: shanghai(),
      at: '2026-05-07T15:00:00Z',
      rule: 'contact-hours',
      overridable: false,
    },
    {
      name: '22:00 sharp is already quiet',
      policies: [cn],
      query: shanghai(),
      at: '2026-05-07T14:00:00Z',
      rule: 'contact-hours',
      overridable: false,
    },
    {
      name: 'a check-in is judged as a check-in, staff rule included, whatever stage the query says',
      policies: [cn],
      query: shanghai({ staff: 1, stage: 'screening' }),
      at: '2026-05-07T02:00:00Z',
      rule: 'two-staff',
      overridable: false,
    },
    {
      name: 'within the cool-down and nobody lifted it',
      policies: [cn],
      query: shanghai({ visits: ['2026-05-05T03:00:00Z'] }),
      at: '2026-05-07T02:00:00Z',
      rule: 'cooldown',
      overridable: true,
    },
    {
      name: 'the non-overridable veto is the one named, and overriding it does nothing',
      policies: [cn],
      query: shanghai({ flags: ['dispute', 'deceased'] }),
      at: '2026-05-07T02:00:00Z',
      overrides: ['deceased', 'dispute'],
      rule: 'deceased',
      overridable: false,
    },
    {
      name: 'UK notice given too late for this visit',
      policies: [uk],
      query: visitQuery({
        interval: ['2026-10-26T00:00:00Z', '2026-10-27T00:00:00Z'],
        zone: 'Europe/London',
        noticeGivenAt: '2026-10-25T12:00:00Z',
      }),
      at: '2026-10-26T10:00:00Z',
      rule: 'notice',
      overridable: true,
    },
    {
      name: 'a plugin that shapes windows without naming a rule still gets a reason',
      policies: [noTimeAtAll],
      query: shanghai(),
      at: '2026-05-07T02:00:00Z',
      rule: 'outside-windows',
      overridable: false,
    },
  ])('forbidden: $name', ({ policies, query, at, overrides, rule, overridable }) => {
    const decision = combineCompliance(policies).assessCheckIn(query, at, overrides);
    expect(decision).toMatchObject({ allowed: false, forbiddenBy: { rule, overridable } });
  });

  it('explains itself in the forbidding veto', () => {
    const decision = combineCompliance([cn]).assessCheckIn(shanghai(), '2026-05-07T15:00:00Z');
    expect(decision.allowed || decision.forbiddenBy.message).toBe(
      'Visits are allowed only 08:00–22:00 local time in Asia/Shanghai',
    );
  });
});
