import { type Reason, reasonFactory } from '@doorstep/core';
import { JURISDICTIONS, type Jurisdiction, LESSON_LANGUAGES, type LessonLanguage } from './lesson';

export const LANGUAGE_REASONS = {
  'language.customer': 'Customer’s language {recorded} is served as {language}',
  'language.unrecorded': 'No language recorded; the {jurisdiction} default {language} is served',
  'language.unavailable':
    'Lessons are not written in {recorded}; the {jurisdiction} default {language} is served',
} as const;
const reason = reasonFactory(LANGUAGE_REASONS);

/** The language a customer of a pack gets when theirs is unknown or not written. */
export const DEFAULT_LANGUAGE: Readonly<Record<Jurisdiction, LessonLanguage>> = {
  cn: 'zh-CN',
  us: 'en',
  in: 'en',
  uk: 'en',
};

const PRIMARY: Readonly<Record<string, LessonLanguage>> = { zh: 'zh-CN', en: 'en' };

/**
 * The lesson language for a customer's recorded language tag (BCP 47 as core banking sends it:
 * `zh`, `zh-CN`, `zh-Hans-HK`, `en-GB` …), by its primary subtag; otherwise the pack's default.
 * Traditional Chinese readers get Simplified until a `zh-TW` text exists: the reason says so.
 *
 * @example
 * lessonLanguageFor('zh-Hans-CN', 'us') // { language: 'zh-CN', reason: { code: 'language.customer', … } }
 */
export function lessonLanguageFor(
  recorded: string | null,
  jurisdiction: Jurisdiction,
): { language: LessonLanguage; reason: Reason<keyof typeof LANGUAGE_REASONS> } {
  const fallback = DEFAULT_LANGUAGE[jurisdiction];
  const tag = recorded?.trim() ?? '';
  if (tag === '')
    return {
      language: fallback,
      reason: reason('language.unrecorded', { jurisdiction, language: fallback }),
    };
  const primary = tag.split(/[-_]/)[0]!.toLowerCase();
  const language = PRIMARY[primary];
  if (language === undefined)
    return {
      language: fallback,
      reason: reason('language.unavailable', { recorded: tag, jurisdiction, language: fallback }),
    };
  return { language, reason: reason('language.customer', { recorded: tag, language }) };
}

export const isJurisdiction = (value: string): value is Jurisdiction =>
  (JURISDICTIONS as readonly string[]).includes(value);

export const isLessonLanguage = (value: string): value is LessonLanguage =>
  (LESSON_LANGUAGES as readonly string[]).includes(value);
