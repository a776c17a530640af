export { type CheckInDecision, type CombinedCompliance, combineCompliance } from './combine';
export {
  ALL_BANNED_PHRASES,
  BANNED_PHRASES_BY_PACK,
  type BannedPhrase,
  type BannedPhraseCategory,
  findBannedPhrases,
} from './language/banned-phrases';
export { cnPack, retainUntil } from './packs/cn';
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
export {
  allowedSpanOf,
  allowedWindows,
  type DailyHours,
  type LocalSpan,
  type WindowsQuery,
} from './windows/allowed-windows';
