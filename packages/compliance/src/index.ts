export { type ActionVerdict, judgeAction } from './action';
export { type CheckInDecision, type CombinedCompliance, combineCompliance } from './combine';
export { type ContactCheck, type ContactCheckQuestion, checkContact } from './contact-check';
export {
  CHECK_IN_REASONS,
  type CheckInEvidence,
  type CheckInRefusal,
  type CheckInTrust,
  judgeCheckIn,
} from './field/check-in-trust';
export {
  COMMITMENT_CHANNELS,
  COMMITMENT_REASONS,
  type CommitmentChannel,
  type CommitmentFacts,
  type CommitmentProblem,
  judgeCommitment,
  requiredChecklist,
} from './field/commitment';
export {
  CheckInTrustOptionsSchema,
  CommitmentOptionsSchema,
  DEFAULT_COMMITMENT_CHECKLIST,
  FIELD_DEFAULTS,
  type FieldOptions,
  FieldOptionsSchema,
} from './field/options';
export {
  ALL_BANNED_PHRASES,
  BANNED_PHRASES_BY_PACK,
  type BannedPhrase,
  type BannedPhraseCategory,
  findBannedPhrases,
} from './language/banned-phrases';
export { cnPack } from './packs/cn';
export {
  assessDisclosure,
  type CommonOptions,
  CommonOptionsSchema,
  DailyHoursSchema,
  type VisitOutcome,
} from './packs/common';
export { inPack } from './packs/in';
export { compliancePacks } from './packs/index';
export { ukPack } from './packs/uk';
export { usPack } from './packs/us';
export { type PlanningWindows, planningWindows } from './planning-windows';
export type { VisitQueryExtras } from './policy/facts';
export { retainUntil, retentionCutoff } from './retention';
export {
  allowedSpanOf,
  allowedWindows,
  type DailyHours,
  type LocalSpan,
  type WindowsQuery,
} from './windows/allowed-windows';
