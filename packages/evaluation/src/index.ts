export type { Money, Reason, ReasonValue, Result } from '@doorstep/core';
export {
  type Bucket,
  bucketOf,
  buckets,
  type DelinquencyBucket,
  delinquencyBuckets,
  delinquentBucketOf,
} from './bucket';
export {
  type Arm,
  type Assignment,
  type AssignmentInput,
  type AssignmentReasonCode,
  assignCase,
  type Eligibility,
  type StratumBalance,
  stratumBalance,
} from './experiment/assignment';
export {
  type DefinitionIssue,
  type ExperimentDefinition,
  parseExperimentDefinition,
} from './experiment/definition';
export {
  drawEducationArm,
  type EducationArm,
  type EducationArmOutcome,
  type EducationDraw,
  type EducationEffectReport,
  type EducationExperiment,
  educationEffect,
} from './experiment/education-effect';
export {
  type ArmResult,
  type ArmSummary,
  type CaseOutcome,
  type Comparison,
  type EffectReport,
  type EffectReportInput,
  type EffectWarningCode,
  effectReport,
  type PromiseCounts,
  summariseArms,
} from './experiment/effect-report';
export { assignmentHash, fmix32, fnv1a32 } from './experiment/hash';
export { type CohortOutcome, delinquentCohort } from './kpi/cohort';
export {
  aggregateCost,
  type CostAggregate,
  costPerCuredCase,
  costPerCuredCaseOf,
} from './kpi/cost-per-cured-case';
export { aggregateCure, type CureAggregate, cureRate, cureRateOf } from './kpi/cure-rate';
export {
  aggregateEducation,
  type EducationAggregate,
  educationCompletionRate,
  educationCompletionRateOf,
  educationQuizScore,
  educationQuizScoreOf,
  educationStartRate,
  educationStartRateOf,
  type LessonAssignmentRow,
} from './kpi/education';
export {
  aggregateFarCheckIns,
  type FarCheckInAggregate,
  farCheckInRate,
  farCheckInRateOf,
} from './kpi/far-check-in-rate';
export {
  countRate,
  type GroupKey,
  groupKeys,
  type KpiDefinition,
  type KpiResult,
  moneyRate,
  perUnit,
  type WindowKind,
} from './kpi/kpi';
export {
  type AccountState,
  accountStatesOn,
  aggregateOverdueAmount,
  aggregateOverdueCount,
  type OverdueAmountAggregate,
  type OverdueCountAggregate,
  overdueRateAmount,
  overdueRateByAmount,
  overdueRateByCount,
  overdueRateCount,
} from './kpi/overdue-rate';
export {
  aggregatePromises,
  type PromiseAggregate,
  type PromiseOutcome,
  promiseKeptRate,
  promiseKeptRateOf,
  promiseOutcomes,
} from './kpi/promise-kept-rate';
export {
  aggregateReDefault,
  type CaseOpening,
  type CuredCase,
  RE_DEFAULT_WINDOWS,
  type ReDefaultAggregate,
  type ReDefaultOutcome,
  type ReDefaultWindow,
  reDefaultOutcomes,
  reDefaultRate3m,
  reDefaultRate6m,
  reDefaultRateOf,
} from './kpi/re-default-rate';
export {
  aggregateRecovery,
  type RecoveryAggregate,
  recoveryRate,
  recoveryRateOf,
} from './kpi/recovery-rate';
export { type KpiId, kpiDefinitions, kpiDefinitionsById } from './kpi/registry';
export {
  aggregateContacts,
  type ContactAggregate,
  rightPartyContactRate,
  rightPartyContactRateOf,
  rightPartyResults,
} from './kpi/right-party-contact-rate';
export {
  type BucketTransition,
  bucketTransitions,
  countTransitions,
  type RollRateCell,
  rollRate,
  rollRateMatrix,
  type TransitionCount,
} from './kpi/roll-rate';
export {
  type ContactResult,
  contactResults,
  type DateWindow,
  type DelinquencySnapshotRow,
  type IsoDate,
  latestSnapshots,
  type PaymentRow,
  type PromiseRow,
  type SatisfactionScore,
  type VisitRow,
} from './kpi/rows';
export {
  countSatisfaction,
  type SatisfactionCounts,
  type SatisfactionResult,
  satisfaction,
  satisfactionOf,
  satisfactionScores,
} from './kpi/satisfaction';
export {
  type GroupValues,
  type KpiTable,
  type KpiTableRow,
  kpiTable,
  kpiTableRecords,
  renderKpiTableCsv,
  renderKpiTableJson,
  tabulate,
} from './kpi/table';
export { visitsMadeIn } from './kpi/visits';
export {
  type AgentDay,
  type AgentDayAggregate,
  agentDays,
  aggregateAgentDays,
  visitsPerAgentDay,
  visitsPerAgentDayOf,
} from './kpi/visits-per-agent-day';
export { sumByCurrency } from './money';
export {
  type ComplaintRate,
  type SocialPeriodInput,
  type SocialPeriodSummary,
  type SocialResponsibilitySummary,
  socialResponsibilitySummary,
} from './social';
export { type BootstrapInterval, type BootstrapOptions, bootstrapMeanDifference } from './stats/bootstrap';
export type { Interval } from './stats/interval';
export { normalCdf, normalDensity, normalQuantile } from './stats/normal';
export { sampleSizeForTwoProportions, type TwoProportionPlan } from './stats/power';
export { mulberry32 } from './stats/prng';
export { newcombeDifference, type Proportion, wilsonInterval } from './stats/proportions';
export { logGamma, regularizedIncompleteBeta, studentTCdf, studentTQuantile } from './stats/student-t';
export {
  meanAndVariance,
  momentsOf,
  type SampleMoments,
  type WelchInterval,
  welchDifference,
} from './stats/welch';
