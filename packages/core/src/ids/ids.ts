import { z } from 'zod';

/**
 * Id prefixes make a leaked id self-describing in logs and let the type system keep a customer id
 * from being passed where a case id is expected.
 */
export const ID_PREFIXES = {
  tenant: 'ten',
  customer: 'cus',
  account: 'acc',
  case: 'case',
  visit: 'vis',
  agent: 'agt',
  plan: 'plan',
  promise: 'ptp',
  followUp: 'fu',
  region: 'reg',
  education: 'edu',
  supervisor: 'sup',
  evidence: 'evd',
} as const;

export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];
export type Id<P extends IdPrefix> = `${P}_${string}`;

export type TenantId = Id<'ten'>;
export type CustomerId = Id<'cus'>;
export type AccountId = Id<'acc'>;
export type CaseId = Id<'case'>;
export type VisitId = Id<'vis'>;
export type AgentId = Id<'agt'>;
export type PlanId = Id<'plan'>;
export type PromiseId = Id<'ptp'>;
export type FollowUpId = Id<'fu'>;
export type RegionId = Id<'reg'>;
/** A lesson assigned to a customer. */
export type LessonAssignmentId = Id<'edu'>;
export type SupervisorId = Id<'sup'>;
export type EvidenceId = Id<'evd'>;

/**
 * The port through which the core obtains new ids; the shell decides how they are made
 * (random, ULID, sequential in tests), so the core stays deterministic.
 */
export interface IdSource {
  next<P extends IdPrefix>(prefix: P): Id<P>;
}

/** A zod schema accepting `<prefix>_<something>` and inferring the template-literal type. */
export const prefixedId = <P extends IdPrefix>(prefix: P) =>
  z.templateLiteral([`${prefix}_`, z.string().min(1)]);

export const TenantIdSchema = prefixedId('ten');
export const CustomerIdSchema = prefixedId('cus');
export const AccountIdSchema = prefixedId('acc');
export const CaseIdSchema = prefixedId('case');
export const VisitIdSchema = prefixedId('vis');
export const AgentIdSchema = prefixedId('agt');
export const PlanIdSchema = prefixedId('plan');
export const PromiseIdSchema = prefixedId('ptp');
export const FollowUpIdSchema = prefixedId('fu');
export const RegionIdSchema = prefixedId('reg');
export const LessonAssignmentIdSchema = prefixedId('edu');
export const SupervisorIdSchema = prefixedId('sup');
