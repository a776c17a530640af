import type { EducationTopic } from '@doorstep/core';

/** The languages every lesson is written in. A lesson missing one fails the lint. */
export const LESSON_LANGUAGES = ['zh-CN', 'en'] as const;
export type LessonLanguage = (typeof LESSON_LANGUAGES)[number];

/** The compliance packs a section can be written for (`tenants.jurisdiction`). */
export const JURISDICTIONS = ['cn', 'us', 'in', 'uk'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/**
 * A rule of the tenant's pack that a section states to the customer. The lint compares it with the
 * pack's defaults, so a lesson can never promise a customer hours the pack does not enforce.
 */
export interface StatedPackRule {
  /** Local hours in which collectors may contact the customer, `HH:MM`. */
  contactHours: { from: string; to: string };
}

export interface LessonSection {
  /** Stable across languages and versions: progress and quiz questions point at it. */
  id: string;
  /** Shown only to customers of these packs (rights differ); absent means everyone. */
  jurisdictions?: readonly Jurisdiction[];
  states?: StatedPackRule;
  heading: string;
  paragraphs: readonly string[];
}

export interface QuizQuestion {
  id: string;
  /** The section that answers the question; it must be one every customer sees. */
  sectionId: string;
  prompt: string;
  choices: readonly string[];
  /** Index of the right choice in `choices`. */
  answer: number;
  /**
   * The words that answer the question. They appear in the section and in the right choice and in no
   * wrong one, so the lint proves the answer is in the text and a careful reader can find it.
   */
  keyPhrase: string;
}

export interface LessonText {
  title: string;
  /** One or two sentences a partner app shows in a list. */
  summary: string;
  sections: readonly LessonSection[];
  quiz: readonly QuizQuestion[];
}

/**
 * A lesson of the catalogue. `version` grows by one with every change a customer could notice: an
 * assignment stores the version it showed, and the lock test refuses an edit that keeps the number.
 */
export interface Lesson {
  id: EducationTopic;
  version: number;
  text: Readonly<Record<LessonLanguage, LessonText>>;
}
