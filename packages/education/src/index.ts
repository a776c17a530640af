export { canonicalJson, lessonFingerprint } from './lesson/fingerprint';
export {
  DEFAULT_LANGUAGE,
  isJurisdiction,
  isLessonLanguage,
  LANGUAGE_REASONS,
  lessonLanguageFor,
} from './lesson/language';
export {
  JURISDICTIONS,
  type Jurisdiction,
  LESSON_LANGUAGES,
  type Lesson,
  type LessonLanguage,
  type LessonSection,
  type LessonText,
  type QuizQuestion,
  type StatedPackRule,
} from './lesson/lesson';
export { readingMinutes, readingUnits, UNITS_PER_MINUTE } from './lesson/measure';
export { type QuizAnswer, type QuizProblem, type QuizScore, scoreQuiz } from './lesson/quiz';
export { type RenderedLesson, renderLesson, type ShownQuestion, sectionsFor } from './lesson/render';
export { catalogue, findLesson } from './lessons';
export {
  LENGTH_BOUNDS,
  type LessonLintCode,
  type LessonLintProblem,
  lintLesson,
  QUIZ_QUESTIONS,
} from './lint/lint-lesson';
export { CATALOGUE_LINT_RULES, type LessonLintRules, PACK_CONTACT_HOURS } from './lint/pack-rules';
export {
  type CustomerChoice,
  consentBars,
  decideLessonOffer,
  OFFER_REASONS,
  type OfferDecision,
  type OfferFacts,
  type OfferReasonCode,
  type RelationshipChoice,
} from './offer/decide-offer';
export { CHECK_IN_MESSAGES, checkInMessage } from './relationship/check-in-message';
export { postCureCheckIns, relationshipPolicies } from './relationship/post-cure-check-ins';
