import type { LessonLanguage } from './lesson';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * Reading units of a text: words for English, Han characters for Chinese (which has no spaces). Digits
 * and Latin words inside Chinese text (a phone number, "LPR") are short and left out of the count.
 */
export function readingUnits(language: LessonLanguage, text: string): number {
  return (text.match(language === 'zh-CN' ? HAN : LATIN_WORD) ?? []).length;
}

/**
 * Typical adult reading speeds for plain informational text: about 200 English words and about 300
 * Chinese characters a minute. Partner apps show the estimate; the lint bounds lessons with it.
 */
export const UNITS_PER_MINUTE: Readonly<Record<LessonLanguage, number>> = { en: 200, 'zh-CN': 300 };

export function readingMinutes(language: LessonLanguage, texts: readonly string[]): number {
  const units = texts.reduce((sum, text) => sum + readingUnits(language, text), 0);
  return Math.max(1, Math.round(units / UNITS_PER_MINUTE[language]));
}

/** Sentences of a paragraph, split after . ! ? and their Chinese forms (and ；, which ends a clause). */
export function sentencesOf(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?。！？；])\s*/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
