import type { Jurisdiction, Lesson, LessonLanguage, LessonSection, LessonText } from './lesson';
import { readingMinutes } from './measure';

/** A question as the customer sees it: the answer and its key phrase stay on the server. */
export interface ShownQuestion {
  id: string;
  sectionId: string;
  prompt: string;
  choices: readonly string[];
}

/** One lesson in one language for one pack: what a partner app shows. */
export interface RenderedLesson {
  lessonId: string;
  version: number;
  language: LessonLanguage;
  jurisdiction: Jurisdiction;
  title: string;
  summary: string;
  readingMinutes: number;
  sections: { id: string; heading: string; paragraphs: readonly string[] }[];
  quiz: ShownQuestion[];
}

/** The sections a customer of a pack sees, in order: the common ones and those written for the pack. */
export const sectionsFor = (text: LessonText, jurisdiction: Jurisdiction): readonly LessonSection[] =>
  text.sections.filter((s) => s.jurisdictions === undefined || s.jurisdictions.includes(jurisdiction));

export function renderLesson(
  lesson: Lesson,
  language: LessonLanguage,
  jurisdiction: Jurisdiction,
): RenderedLesson {
  const text = lesson.text[language];
  const sections = sectionsFor(text, jurisdiction);
  return {
    lessonId: lesson.id,
    version: lesson.version,
    language,
    jurisdiction,
    title: text.title,
    summary: text.summary,
    readingMinutes: readingMinutes(language, [text.summary, ...sections.flatMap((s) => s.paragraphs)]),
    sections: sections.map((s) => ({ id: s.id, heading: s.heading, paragraphs: s.paragraphs })),
    quiz: text.quiz.map((q) => ({ id: q.id, sectionId: q.sectionId, prompt: q.prompt, choices: q.choices })),
  };
}
