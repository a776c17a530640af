import { describe, expect, it } from 'vitest';
import { ALL_BANNED_PHRASES, BANNED_PHRASES_BY_PACK, findBannedPhrases } from './banned-phrases';

const found = (text: string, pack: keyof typeof BANNED_PHRASES_BY_PACK = 'us') =>
  findBannedPhrases(text, BANNED_PHRASES_BY_PACK[pack]).map((entry) => entry.phrase);

describe('findBannedPhrases', () => {
  it.each([
    [
      'a threat, whatever its case and spacing',
      'If you do not pay, You  will be ARRESTED.',
      ['you will be arrested'],
    ],
    ['a Chinese phrase inside a sentence', '再不还款就爆通讯录。', ['爆通讯录']],
    ['a pack-specific false claim', 'We will garnish your wages next week.', ['garnish your wages']],
  ])('finds %s', (_name, text, expected) => {
    expect(found(text, text.includes('通讯录') ? 'cn' : 'us')).toEqual(expected);
  });

  it.each([
    ['a phrase inside a longer word', 'the deadbeats2 list', 'deadbeat'],
    ['a topic rather than the speech act', 'Illegal lenders sometimes threaten to call your contacts.', ''],
    ['another pack’s phrase', 'bailiffs are on their way', ''],
  ])('ignores %s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('lists every pack’s phrases once in the union', () => {
    const lowered = ALL_BANNED_PHRASES.map((entry) => entry.phrase.toLowerCase());
    expect(new Set(lowered).size).toBe(lowered.length);
    for (const list of Object.values(BANNED_PHRASES_BY_PACK))
      for (const entry of list) expect(lowered).toContain(entry.phrase.toLowerCase());
  });
});
