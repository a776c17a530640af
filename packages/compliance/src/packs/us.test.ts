import { describe, expect, it } from 'vitest';
import { type PackCase, summary, visitQuery, windows } from '../testing/query';
import { usPack } from './us';

const policy = usPack.create(usPack.defaultOptions);
const NY_DAY = ['2026-03-10T04:00:00Z', '2026-03-11T04:00:00Z'] as const; // 10 March, New York (EDT)
const NY_WORKDAY = windows(['2026-03-10T12:00', '2026-03-11T01:00']); // 08:00–21:00 EDT
const calls = (...at: string[]) => at.map((day) => `2026-03-${day}:00Z`);

const cases: PackCase[] = [
  {
    name: 'New York customer: 08:00–21:00 EDT',
    query: { interval: NY_DAY, zone: 'America/New_York' },
    windows: NY_WORKDAY,
  },
  {
    name: 'spring-forward Sunday: the day already runs on EDT',
    query: { interval: ['2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z'], zone: 'America/New_York' },
    windows: windows(['2026-03-08T12:00', '2026-03-09T01:00']),
  },
  {
    name: 'fall-back Sunday: 08:00–21:00 EST, after the repeated hour',
    query: { interval: ['2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z'], zone: 'America/New_York' },
    windows: windows(['2026-11-01T13:00', '2026-11-02T02:00']),
  },
  {
    name: 'hours are at the consumer’s location: a Los Angeles customer of a New York bank',
    query: {
      interval: ['2026-03-10T04:00:00Z', '2026-03-11T07:00:00Z'],
      tenantZone: 'America/New_York',
      zone: 'America/Los_Angeles',
    },
    windows: windows(['2026-03-10T15:00', '2026-03-11T04:00']),
  },
  {
    name: 'cease-communication is binding under Reg F: not overridable',
    query: { interval: NY_DAY, zone: 'America/New_York', flags: ['ceaseContact'] },
    windows: [],
    vetoes: [{ rule: 'cease-contact', code: 'customer.cease-contact', overridable: false }],
  },
  {
    name: 'workplace contact prohibited and the visit is at work',
    query: {
      interval: NY_DAY,
      zone: 'America/New_York',
      workplaceContactProhibited: true,
      place: 'workplace',
    },
    windows: [],
    vetoes: [{ rule: 'workplace', code: 'visit.workplace-prohibited', overridable: false }],
  },
  {
    name: 'workplace contact prohibited but the visit is at home',
    query: { interval: NY_DAY, zone: 'America/New_York', workplaceContactProhibited: true },
    windows: NY_WORKDAY,
  },
  {
    name: 'seven calls in the last seven days: an eighth contact is presumed harassing',
    query: {
      interval: NY_DAY,
      zone: 'America/New_York',
      contacts: calls('04T14:00', '05T14:00', '06T14:00', '07T14:00', '08T14:00', '09T14:00', '09T15:00'),
    },
    windows: NY_WORKDAY,
    vetoes: [{ rule: 'contact-frequency', code: 'contact.frequency', overridable: true }],
  },
  {
    name: 'six calls are within the presumption',
    query: {
      interval: NY_DAY,
      zone: 'America/New_York',
      contacts: calls('04T14:00', '05T14:00', '06T14:00', '07T14:00', '08T14:00', '09T14:00'),
    },
    windows: NY_WORKDAY,
  },
  {
    name: 'the oldest of seven calls leaves the week: the next day opens after it',
    query: {
      interval: ['2026-03-10T04:00:00Z', '2026-03-12T04:00:00Z'],
      zone: 'America/New_York',
      contacts: calls('04T14:00', '05T14:00', '06T14:00', '07T14:00', '08T14:00', '09T14:00', '09T15:00'),
    },
    windows: windows(['2026-03-11T14:00', '2026-03-12T01:00']),
  },
  {
    name: 'a conversation on the doorstep three days ago: no contact for seven days',
    query: {
      interval: NY_DAY,
      zone: 'America/New_York',
      visits: [{ at: '2026-03-07T15:00:00Z', contactResult: 'customer_met' }],
    },
    windows: NY_WORKDAY,
    vetoes: [
      { rule: 'contact-frequency', code: 'contact.after-conversation', overridable: true },
      { rule: 'cooldown', code: 'visits.cooldown', overridable: true },
    ],
  },
  {
    name: 'a call that reached the customer three days ago is a conversation too: no contact for seven days',
    query: {
      interval: NY_DAY,
      zone: 'America/New_York',
      contacts: [{ at: '2026-03-07T15:00:00Z', channel: 'call', reached: true }],
    },
    windows: NY_WORKDAY,
    vetoes: [{ rule: 'contact-frequency', code: 'contact.after-conversation', overridable: true }],
  },
  {
    name: 'July 4th is on the tenant calendar',
    query: {
      interval: ['2026-07-04T04:00:00Z', '2026-07-05T04:00:00Z'],
      zone: 'America/New_York',
      holidays: ['2026-07-04'],
    },
    windows: [],
    vetoes: [{ rule: 'holidays', code: 'calendar.holiday', overridable: false }],
  },
];

describe('compliance/us', () => {
  it.each(cases)('$name', ({ query, windows, vetoes = [] }) => {
    expect(summary(policy.assessVisit(visitQuery(query)))).toEqual({ windows, vetoes });
  });

  it('says when the frequency presumption lifts', () => {
    const query = visitQuery({
      interval: NY_DAY,
      zone: 'America/New_York',
      contacts: calls('04T14:00', '05T14:00', '06T14:00', '07T14:00', '08T14:00', '09T14:00', '09T15:00'),
    });
    expect(policy.assessVisit(query).vetoes[0]?.message).toBe(
      'More than 7 contacts in 7 days is presumed harassing; wait until 2026-03-11T14:00:00.000Z',
    );
  });

  it('takes the frequency numbers as options', () => {
    const lenient = usPack.create({
      ...usPack.defaultOptions,
      frequency: { maxContacts: 10, periodDays: 7, daysAfterConversation: 7 },
    });
    const query = visitQuery({
      interval: NY_DAY,
      zone: 'America/New_York',
      contacts: calls('04T14:00', '05T14:00', '06T14:00', '07T14:00', '08T14:00', '09T14:00', '09T15:00'),
    });
    expect(lenient.assessVisit(query).vetoes).toEqual([]);
  });
});
