import { EducationTopicSchema } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import lock from './catalogue.lock.json' with { type: 'json' };
import { lessonFingerprint } from './lesson/fingerprint';
import { LESSON_LANGUAGES } from './lesson/lesson';
import { catalogue } from './lessons';
import { lintLesson } from './lint/lint-lesson';
import { CATALOGUE_LINT_RULES } from './lint/pack-rules';

describe('the lesson catalogue', () => {
  it('has one lesson per topic a follow-up policy can name, and no other', () => {
    expect(catalogue.map((lesson) => lesson.id).sort()).toEqual([...EducationTopicSchema.options].sort());
  });

  it.each(catalogue.map((lesson) => [lesson.id, lesson] as const))(
    '%s passes the lint in every language (structure, length, quiz in the text, banned phrases, pack rules)',
    (_id, lesson) => {
      expect(lintLesson(lesson, CATALOGUE_LINT_RULES)).toEqual([]);
      for (const language of LESSON_LANGUAGES) expect(lesson.text[language].quiz).toHaveLength(3);
    },
  );

  it('records every published version in the lock, and a published version is never edited in place', () => {
    const recorded = lock as Record<string, string>;
    for (const lesson of catalogue) {
      const key = `${lesson.id}@${lesson.version}`;
      const fingerprint = lessonFingerprint(lesson);
      // A new version is added to catalogue.lock.json by hand, with the fingerprint this message prints.
      expect(
        recorded[key],
        `${key} is not in catalogue.lock.json (fingerprint ${fingerprint})`,
      ).toBeDefined();
      expect(
        fingerprint,
        `${key} changed after it was published: give it version ${lesson.version + 1} and lock that`,
      ).toBe(recorded[key]);
    }
  });
});
