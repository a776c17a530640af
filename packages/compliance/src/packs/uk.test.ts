import { describe, expect, it } from 'vitest';
import { type PackCase, summary, visitQuery, windows } from '../testing/query';
import { ukPack } from './uk';

const policy = ukPack.create(ukPack.defaultOptions);
const NOTICED = '2026-10-20T09:00:00Z';
const FALL_BACK_SUNDAY = ['2026-10-24T23:00:00Z', '2026-10-26T00:00:00Z'] as const; // 25 Oct, London
const SUNDAY_GMT = windows(['2026-10-25T08:00', '2026-10-25T21:00']);
const MONDAY_10_TO_12 = ['2026-10-26T10:00:00Z', '2026-10-26T12:00:00Z'] as const;

const cases: PackCase[] = [
  {
    name: 'clocks go back overnight: the Sunday runs 08:00–21:00 GMT',
    query: { interval: FALL_BACK_SUNDAY, zone: 'Europe/London', noticeGivenAt: NOTICED },
    windows: SUNDAY_GMT,
  },
  {
    name: 'spring-forward Sunday: 08:00–21:00 BST',
    query: {
      interval: ['2026-03-29T00:00:00Z', '2026-03-29T23:00:00Z'],
      zone: 'Europe/London',
      noticeGivenAt: '2026-03-20T09:00:00Z',
    },
    windows: windows(['2026-03-29T07:00', '2026-03-29T20:00']),
  },
  {
    name: 'no notice of the visit: overridable, the windows stay for when notice is given',
    query: { interval: FALL_BACK_SUNDAY, zone: 'Europe/London' },
    windows: SUNDAY_GMT,
    vetoes: [{ rule: 'notice', code: 'visit.no-notice', overridable: true }],
  },
  {
    name: 'screening does not ask for notice: no visit is planned yet',
    query: { interval: FALL_BACK_SUNDAY, zone: 'Europe/London', stage: 'screening' },
    windows: SUNDAY_GMT,
  },
  {
    name: 'notice given Saturday noon: 48 hours later is Monday noon',
    query: {
      interval: ['2026-10-24T23:00:00Z', '2026-10-28T00:00:00Z'],
      zone: 'Europe/London',
      noticeGivenAt: '2026-10-24T12:00:00Z',
    },
    windows: windows(['2026-10-26T12:00', '2026-10-26T21:00'], ['2026-10-27T08:00', '2026-10-27T21:00']),
  },
  {
    name: 'notice named Monday 10:00–12:00: the visit may take place then and at no other time',
    query: {
      interval: ['2026-10-24T23:00:00Z', '2026-10-28T00:00:00Z'],
      zone: 'Europe/London',
      noticeGivenAt: NOTICED,
      noticeLikelyTime: MONDAY_10_TO_12,
    },
    windows: windows(['2026-10-26T10:00', '2026-10-26T12:00']),
  },
  {
    name: 'a visit on Tuesday when the notice named Monday: overridable',
    query: {
      interval: ['2026-10-27T10:00:00Z', '2026-10-27T11:00:00Z'],
      zone: 'Europe/London',
      noticeGivenAt: NOTICED,
      noticeLikelyTime: MONDAY_10_TO_12,
    },
    windows: windows(['2026-10-27T10:00', '2026-10-27T11:00']),
    vetoes: [{ rule: 'notice', code: 'visit.outside-notice', overridable: true }],
  },
  {
    name: 'notice that named a time inside its own notice period allows only what is left of it',
    query: {
      interval: ['2026-10-26T00:00:00Z', '2026-10-27T00:00:00Z'],
      zone: 'Europe/London',
      noticeGivenAt: '2026-10-24T11:00:00Z',
      noticeLikelyTime: MONDAY_10_TO_12,
    },
    windows: windows(['2026-10-26T11:00', '2026-10-26T12:00']),
  },
  {
    name: 'known vulnerable: overridable',
    query: { interval: FALL_BACK_SUNDAY, zone: 'Europe/London', noticeGivenAt: NOTICED, vulnerable: true },
    windows: SUNDAY_GMT,
    vetoes: [{ rule: 'vulnerable', code: 'customer.vulnerable', overridable: true }],
  },
  {
    name: 'disputed debt without agreement: overridable by recording the agreement',
    query: { interval: FALL_BACK_SUNDAY, zone: 'Europe/London', noticeGivenAt: NOTICED, flags: ['dispute'] },
    windows: SUNDAY_GMT,
    vetoes: [{ rule: 'dispute', code: 'customer.dispute', overridable: true }],
  },
  {
    name: 'Breathing Space is the law: no windows at all',
    query: {
      interval: FALL_BACK_SUNDAY,
      zone: 'Europe/London',
      noticeGivenAt: NOTICED,
      breathingSpaceUntil: '2026-12-01T00:00:00Z',
    },
    windows: [],
    vetoes: [{ rule: 'breathing-space', code: 'customer.breathing-space', overridable: false }],
  },
  {
    name: 'Breathing Space ending mid-interval leaves the time after it',
    query: {
      interval: ['2026-10-24T23:00:00Z', '2026-10-27T00:00:00Z'],
      zone: 'Europe/London',
      noticeGivenAt: NOTICED,
      breathingSpaceUntil: '2026-10-26T00:00:00Z',
    },
    windows: windows(['2026-10-26T08:00', '2026-10-26T21:00']),
  },
  {
    name: 'a debt adviser is helping: pause, overridable',
    query: {
      interval: FALL_BACK_SUNDAY,
      zone: 'Europe/London',
      noticeGivenAt: NOTICED,
      debtAdviserUntil: '2026-11-20T00:00:00Z',
    },
    windows: SUNDAY_GMT,
    vetoes: [{ rule: 'debt-adviser', code: 'customer.debt-adviser', overridable: true }],
  },
];

describe('compliance/uk', () => {
  it.each(cases)('$name', ({ query, windows, vetoes = [] }) => {
    expect(summary(policy.assessVisit(visitQuery(query)))).toEqual({ windows, vetoes });
  });

  it('tells the agent which time the customer was told to expect', () => {
    const query = visitQuery({
      interval: ['2026-10-27T10:00:00Z', '2026-10-27T11:00:00Z'],
      zone: 'Europe/London',
      noticeGivenAt: NOTICED,
      noticeLikelyTime: MONDAY_10_TO_12,
    });
    expect(policy.assessVisit(query).vetoes[0]?.message).toBe(
      'The customer was told to expect the visit between 2026-10-26T10:00:00.000Z and 2026-10-26T12:00:00.000Z',
    );
  });

  it('the notice period is an option: 24 hours lets Monday noon notice cover Tuesday noon', () => {
    const shortNotice = ukPack.create({ ...ukPack.defaultOptions, minNoticeHours: 24 });
    const query = visitQuery({
      interval: ['2026-10-27T11:00:00Z', '2026-10-27T13:00:00Z'],
      zone: 'Europe/London',
      noticeGivenAt: '2026-10-26T12:00:00Z',
    });
    expect(summary(shortNotice.assessVisit(query)).windows).toEqual(
      windows(['2026-10-27T12:00', '2026-10-27T13:00']),
    );
    expect(summary(policy.assessVisit(query)).vetoes).toEqual([
      { rule: 'notice', code: 'visit.short-notice', overridable: true },
    ]);
  });

  it('renders when Breathing Space ends', () => {
    const query = visitQuery({
      interval: FALL_BACK_SUNDAY,
      zone: 'Europe/London',
      breathingSpaceUntil: '2026-12-01T00:00:00Z',
    });
    expect(policy.assessVisit(query).vetoes[0]?.message).toBe(
      'Breathing Space: no contact until 2026-12-01T00:00:00.000Z',
    );
  });
});
