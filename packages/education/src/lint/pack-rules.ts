import { ALL_BANNED_PHRASES, allowedSpanOf, type BannedPhrase, compliancePacks } from '@doorstep/compliance';
import type { Jurisdiction } from '../lesson/lesson';

/** Contact hours of each pack's defaults, as a section states them (`from`–`to`, local time). */
export const PACK_CONTACT_HOURS: Readonly<Record<Jurisdiction, { from: string; to: string }>> =
  Object.fromEntries(
    compliancePacks.map((pack) => [pack.id, allowedSpanOf(pack.defaultOptions.hours)]),
  ) as Record<Jurisdiction, { from: string; to: string }>;

/** What the built-in catalogue is linted against: every pack's rules, since one lesson serves all packs. */
export const CATALOGUE_LINT_RULES: LessonLintRules = {
  bannedPhrases: ALL_BANNED_PHRASES,
  contactHours: PACK_CONTACT_HOURS,
};

export interface LessonLintRules {
  bannedPhrases: readonly BannedPhrase[];
  contactHours: Readonly<Record<Jurisdiction, { from: string; to: string }>>;
}
