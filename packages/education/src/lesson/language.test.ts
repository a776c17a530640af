import { describe, expect, it } from 'vitest';
import { catalogue } from '../lessons';
import { lessonLanguageFor } from './language';
import { renderLesson } from './render';

describe('lessonLanguageFor', () => {
  it.each([
    ['zh-CN', 'uk', 'zh-CN', 'language.customer'],
    ['zh-Hant-HK', 'us', 'zh-CN', 'language.customer'],
    ['en-GB', 'cn', 'en', 'language.customer'],
    ['EN', 'cn', 'en', 'language.customer'],
    [null, 'cn', 'zh-CN', 'language.unrecorded'],
    ['  ', 'in', 'en', 'language.unrecorded'],
    ['hi-IN', 'in', 'en', 'language.unavailable'],
  ] as const)('%s in the %s pack reads %s (%s)', (recorded, jurisdiction, language, code) => {
    const chosen = lessonLanguageFor(recorded, jurisdiction);
    expect(chosen.language).toBe(language);
    expect(chosen.reason.code).toBe(code);
  });
});

describe('renderLesson', () => {
  it('shows a customer their pack’s sections only, and never the answers', () => {
    const lesson = catalogue.find((l) => l.id === 'hardship_support')!;
    const shown = renderLesson(lesson, 'en', 'in');
    expect(shown.sections.map((s) => s.id)).toEqual(['options', 'asking', 'fair-treatment', 'rights-in']);
    expect(JSON.stringify(shown.quiz)).not.toMatch(/answer|keyPhrase/);
    expect(shown.readingMinutes).toBeGreaterThanOrEqual(1);
  });
});
