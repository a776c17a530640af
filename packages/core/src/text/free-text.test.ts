import { describe, expect, test } from 'vitest';
import { freeText } from './free-text';

const Note = freeText({ max: 200 });

describe('freeText', () => {
  test.each([
    ['emoji', 'Paid 💰 next week 👍🏽 (family 👨‍👩‍👧)'],
    ['right-to-left', 'العميل يطلب زيارة بعد الظهر'],
    ['Hebrew with a mark', 'לקוח\u200F ביקש'],
    ['CJK', '客户说下周三还款，家里有老人需要照顾。'],
    ['newlines and tabs', 'line one\nline two\tindented'],
  ])('keeps %s intact', (_, text) => {
    expect(Note.parse(text)).toBe(text.normalize('NFC'));
    expect(Note.parse(text)).toBe(text);
  });

  test('normalises to NFC: a decomposed accent becomes one character', () => {
    const decomposed = 'Jose\u0301 Nun\u0303ez';
    expect(Note.parse(decomposed)).toBe('José Nuñez');
    expect(Note.parse(decomposed)).toHaveLength('José Nuñez'.length);
  });

  test.each([
    ['NUL', 'Wang\u0000Fang'],
    ['an ANSI escape sequence', 'Wang \u001b[31mFang\u001b[0m'],
    ['a carriage return', 'one\r\ntwo'],
    ['DEL', 'a\u007fb'],
    ['a C1 control (CSI)', 'a\u009b31mb'],
    ['a vertical tab', 'a\u000bb'],
  ])('refuses %s', (_, text) => {
    const result = Note.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/Control characters/);
  });

  test('refuses a lone surrogate but keeps a proper pair', () => {
    expect(Note.safeParse('broken \ud83d text').success).toBe(false);
    expect(Note.safeParse('whole \ud83d\ude00 text').success).toBe(true);
  });

  test('bounds the length', () => {
    expect(freeText({ min: 1, max: 3 }).safeParse('').success).toBe(false);
    expect(freeText({ min: 1, max: 3 }).safeParse('abcd').success).toBe(false);
    expect(freeText({ min: 1, max: 3 }).safeParse('客户说').success).toBe(true);
  });

  test('trims before counting when asked, so a reason of spaces is none', () => {
    const Reason = freeText({ min: 3, max: 10, trim: true });
    expect(Reason.safeParse('   ').success).toBe(false);
    expect(Reason.parse('  why  ')).toBe('why');
  });
});
