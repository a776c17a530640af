import { describe, expect, it } from 'vitest';
import { type PackCase, summary, visitQuery, windows } from '../testing/query';
import { inPack } from './in';

const policy = inPack.create(inPack.defaultOptions);
const KOLKATA_DAY = ['2026-06-09T18:30:00Z', '2026-06-10T18:30:00Z'] as const; // 10 June, IST
const KOLKATA_WORKDAY = windows(['2026-06-10T02:30', '2026-06-10T13:30']); // 08:00–19:00 IST

const cases: PackCase[] = [
  {
    name: 'Kolkata customer: 08:00–19:00 IST, a half-hour offset',
    query: { interval: KOLKATA_DAY, zone: 'Asia/Kolkata' },
    windows: KOLKATA_WORKDAY,
  },
  {
    name: 'the RBI hours have no consent exception',
    query: { interval: KOLKATA_DAY, zone: 'Asia/Kolkata', flags: ['consentOutsideHours'] },
    windows: KOLKATA_WORKDAY,
  },
  {
    name: 'a borrower working in Dubai is visited on Dubai hours, not the Mumbai tenant’s',
    query: { interval: KOLKATA_DAY, tenantZone: 'Asia/Kolkata', zone: 'Asia/Dubai' },
    windows: windows(['2026-06-10T04:00', '2026-06-10T15:00']),
  },
  {
    name: 'Diwali on the tenant calendar',
    query: {
      interval: ['2026-11-07T18:30:00Z', '2026-11-09T18:30:00Z'],
      zone: 'Asia/Kolkata',
      holidays: ['2026-11-08'],
    },
    windows: windows(['2026-11-09T02:30', '2026-11-09T13:30']),
  },
  {
    name: 'two visits that met only family this month: stop pressing the family',
    query: {
      interval: KOLKATA_DAY,
      zone: 'Asia/Kolkata',
      visits: [
        { at: '2026-05-20T05:00:00Z', contactResult: 'third_party_only' },
        { at: '2026-06-01T05:00:00Z', contactResult: 'third_party_only' },
      ],
    },
    windows: KOLKATA_WORKDAY,
    vetoes: [{ rule: 'family-privacy', code: 'privacy.family-visits', overridable: true }],
  },
  {
    name: 'visits where the borrower was met do not count against family privacy',
    query: {
      interval: KOLKATA_DAY,
      zone: 'Asia/Kolkata',
      visits: [
        { at: '2026-05-20T05:00:00Z', contactResult: 'customer_met' },
        { at: '2026-06-01T05:00:00Z', contactResult: 'third_party_only' },
      ],
    },
    windows: KOLKATA_WORKDAY,
  },
  {
    name: 'disputed debt: overridable',
    query: { interval: KOLKATA_DAY, zone: 'Asia/Kolkata', flags: ['dispute'] },
    windows: KOLKATA_WORKDAY,
    vetoes: [{ rule: 'dispute', code: 'customer.dispute', overridable: true }],
  },
];

describe('compliance/in', () => {
  it.each(cases)('$name', ({ query, windows, vetoes = [] }) => {
    expect(summary(policy.assessVisit(visitQuery(query)))).toEqual({ windows, vetoes });
  });

  it('lets a tenant adopt consent where its counsel allows it', () => {
    const withConsent = inPack.create({ ...inPack.defaultOptions, consentLiftsHours: true });
    const query = visitQuery({ interval: KOLKATA_DAY, zone: 'Asia/Kolkata', flags: ['consentOutsideHours'] });
    expect(withConsent.assessVisit(query).windows).toEqual([
      { start: '2026-06-09T18:30:00.000Z', end: '2026-06-10T18:30:00.000Z' },
    ]);
  });
});
