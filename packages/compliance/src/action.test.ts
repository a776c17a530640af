import { type ActionStance, FOLLOW_UP_STANCES, instantiatePolicy } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { judgeAction } from './action';
import { combineCompliance } from './combine';
import { compliancePacks } from './packs/index';
import { type QueryInput, visitQuery } from './testing/query';

// 23:30 in every pack's usual zone is outside its hours: a follow-up firing then is still judged
// only on who the customer is, never on the hour.
const AT = '2026-05-06T23:30:00.000Z';
const query = (input: Partial<QueryInput> = {}) => visitQuery({ interval: [AT, AT], ...input });

const combined = (id: string) => {
  const pack = compliancePacks.find((candidate) => candidate.id === id);
  if (!pack) throw new Error(id);
  const resolved = instantiatePolicy(pack, undefined);
  if (!resolved.ok) throw new Error(id);
  return combineCompliance([resolved.value.fns]);
};

const collection = FOLLOW_UP_STANCES.escalation;
const supportive = FOLLOW_UP_STANCES.education;
const supportiveCall = FOLLOW_UP_STANCES.check_in_call;
const revisit = FOLLOW_UP_STANCES.revisit;

const ruleOf = (id: string, input: Partial<QueryInput>, stance: ActionStance) => {
  const verdict = judgeAction(combined(id), query(input), stance, AT);
  return verdict.allowed ? null : verdict.barredBy.rule;
};

describe('judgeAction: what a follow-up may do when it fires', () => {
  describe.each(['cn', 'us', 'in', 'uk'])('%s pack', (pack) => {
    it('lets a follow-up act on a customer nothing protects, whatever the hour and history', () => {
      const busy = { staff: 0, visits: ['2026-05-06T10:00:00.000Z'], holidays: ['2026-05-07', '2026-05-06'] };
      for (const stance of [collection, supportive, supportiveCall, revisit])
        expect(ruleOf(pack, busy, stance)).toBeNull();
    });

    it.each([
      ['deceased', 'deceased'],
      ['bankruptcy', 'bankruptcy'],
      ['ceaseContact', 'cease-contact'],
      ['dispute', 'dispute'],
    ] as const)('bars every follow-up, supportive too, while %s is flagged', (flag, rule) => {
      for (const stance of [collection, supportive, supportiveCall, revisit])
        expect(ruleOf(pack, { flags: [flag] }, stance)).toBe(rule);
    });

    it('bars collection but lets supportive follow-ups act while the customer is vulnerable', () => {
      expect(ruleOf(pack, { vulnerable: true }, collection)).toBe('vulnerable');
      expect(ruleOf(pack, { vulnerable: true }, revisit)).toBe('vulnerable');
      expect(ruleOf(pack, { vulnerable: true }, supportive)).toBeNull();
      expect(ruleOf(pack, { vulnerable: true }, supportiveCall)).toBeNull();
    });

    it('bars collection during a hardship pause and not after it', () => {
      const pauses = [['2026-05-01T00:00:00.000Z', '2026-05-31T00:00:00.000Z']] as const;
      expect(ruleOf(pack, { pauses }, collection)).toBe('hardship-pause');
      expect(ruleOf(pack, { pauses }, supportive)).toBeNull();
      const over = [['2026-04-01T00:00:00.000Z', AT]] as const;
      expect(ruleOf(pack, { pauses: over }, collection)).toBeNull();
    });
  });

  it('uk: Breathing Space bars everything, a debt adviser only collection', () => {
    const later = '2026-06-01T00:00:00.000Z';
    expect(ruleOf('uk', { breathingSpaceUntil: later }, supportive)).toBe('breathing-space');
    expect(ruleOf('uk', { debtAdviserUntil: later }, collection)).toBe('debt-adviser');
    expect(ruleOf('uk', { debtAdviserUntil: later }, supportive)).toBeNull();
    expect(ruleOf('uk', { breathingSpaceUntil: AT }, collection)).toBeNull();
  });

  it('names a binding rule before an overridable one and lists every veto', () => {
    const verdict = judgeAction(combined('cn'), query({ flags: ['dispute', 'deceased'] }), collection, AT);
    expect(verdict).toMatchObject({ allowed: false, barredBy: { rule: 'deceased' } });
    if (verdict.allowed) throw new Error('barred');
    expect(verdict.vetoes.map((veto) => veto.rule)).toEqual(['deceased', 'dispute']);
  });
});
