export { type ActionVerdict, judgeAction } from './action';
export { type CheckInDecision, type CombinedCompliance, combineCompliance } from './combine';
export { type ContactCheck, type ContactCheckQuestion, checkContact } from './contact-check';
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
  allowedWindows,
  type DailyHours,
  type LocalSpan,
  type WindowsQuery,
} from './windows/allowed-windows';
