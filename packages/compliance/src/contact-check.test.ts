import { type ContactChannel, instantiatePolicy } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { combineCompliance } from './combine';
import { type ContactCheckQuestion, checkContact } from './contact-check';
import { compliancePacks } from './packs/index';
import { type QueryInput, visitQuery } from './testing/query';

const packFor = (id: string) => {
  const pack = compliancePacks.find((candidate) => candidate.id === id);
  const resolved = pack && instantiatePolicy(pack, undefined);
  if (!resolved?.ok) throw new Error(id);
  return combineCompliance([resolved.value.fns]);
};

const NOW = '2026-05-04T00:00:00.000Z';
const ask = (
  pack: string,
  zone: string,
  at: string,
  channel: ContactChannel,
  input: Partial<QueryInput> = {},
  question: Partial<ContactCheckQuestion> = {},
) =>
  checkContact(
    packFor(pack),
    visitQuery({ interval: [at, at], zone, ...input }),
    {
      channel,
      at,
      staff: [{ agentId: 'agt_a' }, { agentId: 'agt_b' }],
      purpose: 'collection',
      horizonDays: 3,
      maxWindows: 2,
      ...question,
    },
    NOW,
  );

const rules = (answer: ReturnType<typeof ask>) => answer.vetoes.map((veto) => veto.rule);

// Late evening locally in each pack's own zone: past the hours everywhere.
const LATE = {
  cn: { zone: 'Asia/Shanghai', at: '2026-05-06T14:30:00.000Z' }, // 22:30
  us: { zone: 'America/New_York', at: '2026-05-07T01:30:00.000Z' }, // 21:30
  in: { zone: 'Asia/Kolkata', at: '2026-05-06T14:00:00.000Z' }, // 19:30
  uk: { zone: 'Europe/London', at: '2026-05-06T21:30:00.000Z' }, // 22:30
} as const;

describe('checkContact', () => {
  describe.each(Object.entries(LATE))('%s pack, late in the evening', (pack, { zone, at }) => {
    it.each(['visit', 'call', 'sms', 'email'] as const)(
      '%s: refused by the hours, with the next windows inside them',
      (channel) => {
        const answer = ask(pack, zone, at, channel);
        expect(answer.allowed).toBe(false);
        expect(rules(answer)).toContain('contact-hours');
        expect(answer.vetoes.find((veto) => veto.rule === 'contact-hours')?.message).toMatch(/local time in/);
        expect(answer.nextWindows.length).toBeGreaterThan(0);
        expect(Date.parse(answer.nextWindows[0]?.start ?? '')).toBeGreaterThan(Date.parse(at));
      },
    );

    it('letter: a letter’s hour is the post’s, so it is allowed', () => {
      const answer = ask(pack, zone, at, 'letter');
      expect(answer).toMatchObject({ allowed: true, vetoes: [] });
      expect(answer.nextWindows[0]?.start).toBe(at);
    });

    it.each(['visit', 'call', 'sms', 'email', 'letter'] as const)(
      '%s: a deceased customer is refused on every channel with no window ahead',
      (channel) => {
        const answer = ask(pack, zone, at, channel, { flags: ['deceased'] });
        expect(answer.allowed).toBe(false);
        expect(rules(answer)[0]).toBe('deceased');
        expect(answer.nextWindows).toEqual([]);
      },
    );

    it('a vulnerable customer: collection refused everywhere, a supportive call allowed in hours', () => {
      const morning = new Date(Date.parse(at) + 14 * 3_600_000).toISOString();
      expect(rules(ask(pack, zone, morning, 'call', { vulnerable: true }))).toEqual(['vulnerable']);
      expect(ask(pack, zone, morning, 'call', { vulnerable: true }, { purpose: 'supportive' }).allowed).toBe(
        true,
      );
    });
  });

  it('cn: a visit by one collector is refused for staff, a call by one is not', () => {
    const at = '2026-05-06T02:00:00.000Z'; // 10:00 Shanghai
    const one = { staff: [{ agentId: 'agt_a' as const }] };
    expect(rules(ask('cn', 'Asia/Shanghai', at, 'visit', {}, one))).toEqual(['two-staff']);
    expect(ask('cn', 'Asia/Shanghai', at, 'call', {}, one).allowed).toBe(true);
  });

  it('us: the eighth call in seven days is refused until the oldest ages out; a letter is not counted against', () => {
    const at = '2026-05-06T15:00:00.000Z'; // 11:00 New York
    const contacts = Array.from({ length: 7 }, (_, i) =>
      new Date(Date.UTC(2026, 3, 30 + i, 14)).toISOString(),
    );
    const answer = ask('us', 'America/New_York', at, 'call', { contacts });
    expect(rules(answer)).toEqual(['contact-frequency']);
    expect(answer.vetoes[0]?.data).toMatchObject({ maxContacts: 7, until: '2026-05-07T14:00:00.000Z' });
    expect(ask('us', 'America/New_York', at, 'letter', { contacts }).allowed).toBe(true);
  });

  it('in: visits that met only family stop further visits, not calls', () => {
    const at = '2026-05-06T05:00:00.000Z'; // 10:30 Kolkata
    const visits = [
      { at: '2026-04-20T05:00:00.000Z', contactResult: 'third_party_only' as const },
      { at: '2026-04-28T05:00:00.000Z', contactResult: 'third_party_only' as const },
    ];
    expect(rules(ask('in', 'Asia/Kolkata', at, 'visit', { visits }))).toContain('family-privacy');
    expect(ask('in', 'Asia/Kolkata', at, 'call', { visits }).allowed).toBe(true);
  });

  it('uk: a visit counts its notice from now, so the next window opens 48 hours on; a call does not wait', () => {
    const at = '2026-05-04T09:00:00.000Z'; // 10:00 London, an hour after NOW
    const visit = ask('uk', 'Europe/London', at, 'visit');
    expect(rules(visit)).toEqual(['notice']);
    expect(visit.nextWindows[0]?.start).toBe('2026-05-06T07:00:00.000Z');
    expect(ask('uk', 'Europe/London', at, 'call').allowed).toBe(true);
  });
});
