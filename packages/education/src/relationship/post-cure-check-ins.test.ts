import { ALL_BANNED_PHRASES, findBannedPhrases } from '@doorstep/compliance';
import type { RelationshipInput } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { CHECK_IN_MESSAGES, checkInMessage } from './check-in-message';
import { postCureCheckIns } from './post-cure-check-ins';

const input: RelationshipInput = {
  now: '2026-01-31T03:00:00.000Z',
  tenant: { tenantId: 'ten_1', timeZone: 'Asia/Shanghai', currency: 'CNY', jurisdictionPackId: 'cn' },
  cure: { caseId: 'case_1', customerId: 'cus_1', curedAt: '2026-01-31T02:00:00.000Z' },
};
const create = (options: object = {}) =>
  postCureCheckIns.create(postCureCheckIns.options.parse({ ...postCureCheckIns.defaultOptions, ...options }));

describe('post-cure-check-ins', () => {
  it('plans check-ins at 1 and 3 months and a lesson at 2, at 10:00 local, month ends clamped', () => {
    const plan = create().afterCure(input);
    expect(plan.consent).toBe('opt-out');
    expect(plan.contacts.map((c) => [c.kind, c.monthsAfterCure, c.dueAt, c.lessonId])).toEqual([
      ['check_in', 1, '2026-02-28T02:00:00.000Z', null],
      ['check_in', 3, '2026-04-30T02:00:00.000Z', null],
      ['lesson_offer', 2, '2026-03-31T02:00:00.000Z', 'credit_report'],
    ]);
  });

  it('does not send a contact late when the cure is seen after its date', () => {
    const plan = create().afterCure({ ...input, now: '2026-03-15T00:00:00.000Z' });
    expect(plan.contacts.map((c) => c.monthsAfterCure)).toEqual([3, 2]);
    expect(plan.reasons.map((r) => r.code)).toContain('contact.past');
  });

  it('withholds the lesson from the drawn share of an experiment, and records the arm either way', () => {
    const lessonOffer = {
      lessonId: 'credit_report',
      afterMonths: 2,
      experiment: { id: 'edu-1', withholdShare: 0.5 },
    };
    const arms = Array.from({ length: 200 }, (_, i) =>
      create({ lessonOffer }).afterCure({ ...input, cure: { ...input.cure, caseId: `case_${i}` } }),
    );
    const withheld = arms.filter((p) => p.experiment?.arm === 'withheld');
    expect(withheld.length).toBeGreaterThan(70);
    expect(withheld.length).toBeLessThan(130);
    for (const plan of withheld) expect(plan.contacts.every((c) => c.kind === 'check_in')).toBe(true);
    for (const plan of arms.filter((p) => p.experiment?.arm === 'offered'))
      expect(plan.contacts.some((c) => c.kind === 'lesson_offer')).toBe(true);
  });

  it('writes check-ins that ask for nothing and use no phrase any pack bans', () => {
    for (const templates of Object.values(CHECK_IN_MESSAGES))
      for (const text of Object.values(templates))
        expect(findBannedPhrases(text, ALL_BANNED_PHRASES)).toEqual([]);
    expect(checkInMessage('en', 3)).toContain('3 months');
    expect(checkInMessage('zh-CN', 1)).toContain('一个月');
    expect(checkInMessage('en', 1)).not.toMatch(/pay|debt|owe/i);
  });
});
