import { findBannedPhrases } from '@doorstep/compliance';
import {
  JURISDICTIONS,
  LESSON_LANGUAGES,
  type Lesson,
  type LessonLanguage,
  type LessonText,
} from '../lesson/lesson';
import { readingUnits, sentencesOf } from '../lesson/measure';
import { sectionsFor } from '../lesson/render';
import type { LessonLintRules } from './pack-rules';

/**
 * Bounds of a short lesson, per language and per pack (the text a customer of that pack reads):
 * about 1.5 to 5 minutes at the speeds of `UNITS_PER_MINUTE`. Plain language keeps sentences short.
 */
export const LENGTH_BOUNDS: Readonly<
  Record<LessonLanguage, { min: number; max: number; sentenceMax: number }>
> = {
  en: { min: 300, max: 1000, sentenceMax: 32 },
  'zh-CN': { min: 450, max: 1500, sentenceMax: 60 },
};
export const QUIZ_QUESTIONS = 3;
const SECTIONS = { min: 3, max: 8 };
const CHOICES = { min: 3, max: 4 };

export type LessonLintCode =
  | 'lesson.version'
  | 'language.missing'
  | 'structure.mismatch'
  | 'sections.count'
  | 'section.duplicate-id'
  | 'quiz.count'
  | 'quiz.section-unknown'
  | 'quiz.section-not-common'
  | 'quiz.choices'
  | 'quiz.key-phrase-not-in-section'
  | 'quiz.key-phrase-not-in-answer'
  | 'quiz.key-phrase-in-wrong-choice'
  | 'quiz.answers-same-position'
  | 'length.too-short'
  | 'length.too-long'
  | 'sentence.too-long'
  | 'phrase.banned'
  | 'pack.rule-mismatch';

export interface LessonLintProblem {
  code: LessonLintCode;
  lessonId: string;
  language: LessonLanguage | null;
  /** JSON-pointer-like path into the lesson, e.g. `/text/en/quiz/1/keyPhrase`. */
  path: string;
  message: string;
}

const lower = (text: string) => text.toLocaleLowerCase('en');
const contains = (haystack: string, needle: string) => lower(haystack).includes(lower(needle));

/** Every string of a language's text with its path, for checks that apply to all of them. */
function* stringsOf(text: LessonText, base: string): Generator<[string, string]> {
  yield [`${base}/title`, text.title];
  yield [`${base}/summary`, text.summary];
  for (const [i, section] of text.sections.entries()) {
    yield [`${base}/sections/${i}/heading`, section.heading];
    for (const [j, paragraph] of section.paragraphs.entries())
      yield [`${base}/sections/${i}/paragraphs/${j}`, paragraph];
  }
  for (const [i, question] of text.quiz.entries()) {
    yield [`${base}/quiz/${i}/prompt`, question.prompt];
    for (const [j, choice] of question.choices.entries()) yield [`${base}/quiz/${i}/choices/${j}`, choice];
  }
}

/** The shape both languages must share: ids, pack scoping, stated rules, quiz links and answers. */
const skeleton = (text: LessonText) =>
  JSON.stringify({
    sections: text.sections.map((s) => [s.id, s.jurisdictions ?? null, s.states ?? null]),
    quiz: text.quiz.map((q) => [q.id, q.sectionId, q.answer, q.choices.length]),
  });

/**
 * Checks one lesson against the rules a customer-facing text must meet: written in every language
 * with the same structure, short and plainly worded, a three-question quiz whose every answer can be
 * found in the section it names, no phrase any pack bans, and every pack rule it states equal to the
 * pack's own. Returns all problems at once; an empty list means the lesson may be published.
 */
export function lintLesson(lesson: Lesson, rules: LessonLintRules): LessonLintProblem[] {
  const problems: LessonLintProblem[] = [];
  const report = (code: LessonLintCode, language: LessonLanguage | null, path: string, message: string) =>
    problems.push({ code, lessonId: lesson.id, language, path, message });

  if (!Number.isInteger(lesson.version) || lesson.version < 1)
    report('lesson.version', null, '/version', `version must be a positive integer, got ${lesson.version}`);

  const present = LESSON_LANGUAGES.filter((language) => {
    const text = lesson.text[language] as LessonText | undefined;
    const ok = text !== undefined && text.title.trim() !== '' && text.summary.trim() !== '';
    if (!ok) report('language.missing', language, `/text/${language}`, `no ${language} text`);
    return ok;
  });
  const [first, ...others] = present;
  if (first !== undefined)
    for (const language of others)
      if (skeleton(lesson.text[language]) !== skeleton(lesson.text[first]))
        report(
          'structure.mismatch',
          language,
          `/text/${language}`,
          `sections, pack scoping, stated rules or quiz links differ from the ${first} text`,
        );

  for (const language of present) lintText(lesson.text[language], language, rules, report);
  return problems;
}

function lintText(
  text: LessonText,
  language: LessonLanguage,
  rules: LessonLintRules,
  report: (code: LessonLintCode, language: LessonLanguage, path: string, message: string) => void,
) {
  const base = `/text/${language}`;
  const ids = new Set<string>();
  for (const [i, section] of text.sections.entries()) {
    if (ids.has(section.id))
      report(
        'section.duplicate-id',
        language,
        `${base}/sections/${i}/id`,
        `section id ${section.id} is used twice`,
      );
    ids.add(section.id);
  }

  const bounds = LENGTH_BOUNDS[language];
  for (const jurisdiction of JURISDICTIONS) {
    const shown = sectionsFor(text, jurisdiction);
    if (shown.length < SECTIONS.min || shown.length > SECTIONS.max)
      report(
        'sections.count',
        language,
        `${base}/sections`,
        `a ${jurisdiction} customer sees ${shown.length} sections; a lesson has ${SECTIONS.min}–${SECTIONS.max}`,
      );
    const units = [text.title, text.summary, ...shown.flatMap((s) => [s.heading, ...s.paragraphs])].reduce(
      (sum, part) => sum + readingUnits(language, part),
      0,
    );
    const unit = language === 'en' ? 'words' : 'characters';
    if (units < bounds.min)
      report(
        'length.too-short',
        language,
        base,
        `${units} ${unit} for ${jurisdiction}; at least ${bounds.min}`,
      );
    if (units > bounds.max)
      report(
        'length.too-long',
        language,
        base,
        `${units} ${unit} for ${jurisdiction}; at most ${bounds.max}`,
      );
  }

  for (const [i, section] of text.sections.entries())
    for (const [j, paragraph] of section.paragraphs.entries())
      for (const sentence of sentencesOf(paragraph)) {
        const units = readingUnits(language, sentence);
        if (units > bounds.sentenceMax)
          report(
            'sentence.too-long',
            language,
            `${base}/sections/${i}/paragraphs/${j}`,
            `a sentence of ${units} ${language === 'en' ? 'words' : 'characters'} (at most ${bounds.sentenceMax}): “${sentence.slice(0, 60)}…”`,
          );
      }

  for (const [path, value] of stringsOf(text, base))
    for (const banned of findBannedPhrases(value, rules.bannedPhrases))
      report(
        'phrase.banned',
        language,
        path,
        `“${banned.phrase}” is banned (${banned.category}: ${banned.why})`,
      );

  for (const [i, section] of text.sections.entries()) {
    if (section.states === undefined) continue;
    const path = `${base}/sections/${i}/states/contactHours`;
    const { from, to } = section.states.contactHours;
    const scoped = section.jurisdictions ?? [];
    if (scoped.length === 0)
      report('pack.rule-mismatch', language, path, 'a section that states a pack rule must name its packs');
    for (const jurisdiction of scoped) {
      const pack = rules.contactHours[jurisdiction];
      if (pack.from !== from || pack.to !== to)
        report(
          'pack.rule-mismatch',
          language,
          path,
          `states contact hours ${from}–${to}, but the ${jurisdiction} pack allows ${pack.from}–${pack.to}`,
        );
    }
    const body = section.paragraphs.join(' ');
    for (const time of [from, to])
      if (!body.includes(time))
        report('pack.rule-mismatch', language, path, `states ${from}–${to} but the text never says ${time}`);
  }

  lintQuiz(text, language, report);
}

function lintQuiz(
  text: LessonText,
  language: LessonLanguage,
  report: (code: LessonLintCode, language: LessonLanguage, path: string, message: string) => void,
) {
  const base = `/text/${language}/quiz`;
  if (text.quiz.length !== QUIZ_QUESTIONS)
    report('quiz.count', language, base, `${text.quiz.length} questions; a lesson has ${QUIZ_QUESTIONS}`);
  const positions = new Set(text.quiz.map((q) => q.answer));
  if (text.quiz.length > 1 && positions.size === 1)
    report('quiz.answers-same-position', language, base, 'every right answer is in the same position');

  for (const [i, question] of text.quiz.entries()) {
    const at = `${base}/${i}`;
    const distinct = new Set(question.choices.map((c) => c.trim()));
    if (
      question.choices.length < CHOICES.min ||
      question.choices.length > CHOICES.max ||
      distinct.size !== question.choices.length ||
      distinct.has('') ||
      !Number.isInteger(question.answer) ||
      question.answer < 0 ||
      question.answer >= question.choices.length
    )
      report(
        'quiz.choices',
        language,
        `${at}/choices`,
        `needs ${CHOICES.min}–${CHOICES.max} distinct choices and an answer index among them`,
      );
    const section = text.sections.find((s) => s.id === question.sectionId);
    if (section === undefined) {
      report('quiz.section-unknown', language, `${at}/sectionId`, `no section ${question.sectionId}`);
      continue;
    }
    if (section.jurisdictions !== undefined)
      report(
        'quiz.section-not-common',
        language,
        `${at}/sectionId`,
        `section ${section.id} is shown only in ${section.jurisdictions.join(', ')}; every customer takes the quiz`,
      );
    const key = question.keyPhrase.trim();
    if (key === '' || !contains([section.heading, ...section.paragraphs].join(' '), key))
      report(
        'quiz.key-phrase-not-in-section',
        language,
        `${at}/keyPhrase`,
        `“${key}” does not appear in section ${section.id}, so the answer cannot be found there`,
      );
    const right = question.choices[question.answer];
    if (right !== undefined && !contains(right, key))
      report(
        'quiz.key-phrase-not-in-answer',
        language,
        `${at}/keyPhrase`,
        `the right choice does not say “${key}”`,
      );
    for (const [j, choice] of question.choices.entries())
      if (j !== question.answer && key !== '' && contains(choice, key))
        report(
          'quiz.key-phrase-in-wrong-choice',
          language,
          `${at}/choices/${j}`,
          `a wrong choice also says “${key}”, so the text does not tell the answers apart`,
        );
  }
}
