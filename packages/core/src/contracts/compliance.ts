import { z } from 'zod';
import type { Case } from '../domain/case';
import type { Customer } from '../domain/customer';
import type { FollowUpPause } from '../domain/follow-up';
import type { TenantSettings } from '../domain/tenant';
import type { ContactResult } from '../domain/visit-outcome';
import { type AgentId, SupervisorIdSchema, VisitIdSchema } from '../ids/ids';
import { type AnyPolicy, definePolicy, type Policy, type PolicyDefinition } from '../plugins/policy';
import type { Reason, ReasonCode, ReasonTemplates } from '../reasons/reason';
import { type Instant, InstantSchema, type Interval, type LocalDate } from '../time/schemas';

/**
 * Where in the flow a compliance question is asked. At `screening` no staff is assigned yet, so
 * packs skip staff rules (two collectors, ID shown) and judge only the customer and the calendar.
 * At `action` a follow-up timer fires or an event is about to leave for a partner app: nobody is at
 * the door yet, so packs judge only who the customer is now (flags, pauses), never the hour or the
 * visit's logistics, which are judged when the contact itself is made. Absent means `planning`.
 */
export type ComplianceStage = 'screening' | 'planning' | 'check_in' | 'action';

/** How a collector reaches the customer. */
export const CONTACT_CHANNELS = ['visit', 'call', 'sms', 'email', 'letter'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * The channel an action uses: a contact channel, or `none` for a decision that reaches the customer
 * through no channel of its own (an escalation, a promise settled), though partner apps act on it.
 */
export type ActionChannel = ContactChannel | 'none';

/**
 * Why the action is taken. `supportive` helps the customer (financial education, a check-in call to
 * see how they are) and may run during a hardship pause or while the customer is vulnerable;
 * `collection` presses for payment (reminders, promise checks, escalation, collection visits).
 */
export type ActionPurpose = 'collection' | 'supportive';

/**
 * How compliance judges an action kind or an event type: on which channel it reaches the customer and
 * why. Hosts keep one per kind in a table typed over every kind, so a new kind cannot be added without
 * saying how compliance sees it.
 */
export interface ActionStance {
  readonly channel: ActionChannel;
  readonly purpose: ActionPurpose;
  /** One sentence for the docs and the audit trail: what the action does to the customer. */
  readonly why: string;
}

/**
 * How an event stands that reaches no customer and leads nobody to one: it tells a system of record
 * (core banking, a CRM) what happened in the programme. It is not a contact, so compliance has nothing
 * to judge and it is sent whatever the customer's flags; `why` says what it records.
 */
export interface RecordStance {
  readonly record: true;
  readonly why: string;
}

/** An outbound event's stance: judged as the contact it leads to, or a record that contacts nobody. */
export type EventStance = ActionStance | RecordStance;

export const isRecordStance = (stance: EventStance): stance is RecordStance => 'record' in stance;

/** "May we visit this customer during this interval, with these staff?" */
export interface VisitQuery {
  tenant: TenantSettings;
  customer: Customer;
  case: Case;
  staff: Array<{ agentId: AgentId; role?: string }>;
  /** UTC instants; the assessment's windows are sub-intervals of it. */
  interval: Interval;
  history: {
    visits: Array<{ at: Instant; contactResult?: ContactResult }>;
    /** Remote contacts (calls, texts, …); `reached`: a conversation took place. */
    contacts?: Array<{ at: Instant; channel: string; reached?: boolean }>;
  };
  /** Public holidays in the tenant's zone, `YYYY-MM-DD`. */
  holidays?: LocalDate[];
  stage?: ComplianceStage;
  /** How the customer would be reached; absent means a visit. */
  channel?: ActionChannel;
  /** Why; absent means `collection`, the strictest reading. */
  purpose?: ActionPurpose;
  /** The customer's follow-up pauses (hardship), past and current; absent means none. */
  pauses?: FollowUpPause[];
}

export type Veto<C extends string = string> = Reason<C> & {
  /** The rule that vetoes, stable across versions (`quiet-hours`, `breathing-space`); overrides name it. */
  rule: string;
  /** Whether a supervisor may override it; rules of law (deceased, breathing space) are not. */
  overridable: boolean;
};

export interface ComplianceAssessment<C extends string = string> {
  /** Allowed UTC sub-intervals of the query interval; empty means no time is allowed. */
  windows: Interval[];
  vetoes: Veto<C>[];
}

export interface ComplianceFunctions<C extends string = string> {
  assessVisit(query: VisitQuery): ComplianceAssessment<C>;
}

export type CompliancePolicy<R extends ReasonTemplates, S extends z.ZodType> = Policy<
  'compliance',
  R,
  S,
  ComplianceFunctions<ReasonCode<R>>
>;
export type AnyCompliancePolicy = AnyPolicy<'compliance', ComplianceFunctions>;

/** A supervisor lifting one overridable veto for one visit; recorded with the decision. */
export const SupervisorOverrideSchema = z.object({
  rule: z.string().min(1),
  visitId: VisitIdSchema,
  supervisorId: SupervisorIdSchema,
  reason: z.string().min(1),
  at: InstantSchema,
});
export type SupervisorOverride = z.infer<typeof SupervisorOverrideSchema>;

/**
 * @example
 * export const quietHours = defineCompliancePolicy({
 *   id: 'quiet-hours', version: '1.0.0', contract: '2.0', docs: { description: 'No visits 22:00–08:00 local.' },
 *   reasons: { 'quiet-hours.outside': 'Allowed only {from}–{to} in {zone}' },
 *   options: z.object({ from: LocalTimeSchema, to: LocalTimeSchema }),
 *   defaultOptions: { from: '08:00', to: '22:00' },
 *   create: ({ from, to }) => ({
 *     assessVisit: (q) => ({ windows: dailyLocalWindows(q.interval, q.tenant.timeZone, { from, to }), vetoes: [] }),
 *   }),
 * });
 */
export const defineCompliancePolicy = <const R extends ReasonTemplates, S extends z.ZodType>(
  definition: PolicyDefinition<R, S, ComplianceFunctions<ReasonCode<R>>>,
): CompliancePolicy<R, S> => definePolicy('compliance', definition);
