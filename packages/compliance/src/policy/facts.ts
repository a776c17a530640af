import type {
  ActionChannel,
  ActionPurpose,
  ComplianceStage,
  HardshipReason,
  Interval,
  VisitQuery,
} from '@doorstep/core';
import { DAY_MS, instantMs, type Span, toInterval } from '../windows/spans';

/**
 * Facts some rules need that core's `VisitQuery` does not carry (yet). Callers pass them on the
 * query object itself; absent, the rules that need them fall back as documented on each field.
 */
export interface VisitQueryExtras {
  /** IANA zone of the customer's address; absent, the tenant's zone is assumed. */
  readonly customer: { readonly address: { readonly timeZone?: string } };
  /** UK: when the customer was told the visit date and likely time; absent, no notice was given. */
  readonly noticeGivenAt?: string;
  /** UK: the date and likely time the notice told the customer; absent, the notice named no time. */
  readonly noticeLikelyTime?: Interval;
  /** Where the visit takes place; absent means the customer's home. */
  readonly place?: 'home' | 'workplace';
}

export interface ContactEvent {
  readonly at: number;
  /** The customer was reached and spoke (met or refused): what Reg F counts as a conversation. */
  readonly conversation: boolean;
  readonly thirdPartyOnly: boolean;
}

/** What the rules read: the query reduced to numbers and booleans, once per assessment. */
export interface VisitFacts {
  /** The query interval, at least one millisecond long: an empty one is judged as its instant. */
  readonly interval: Interval;
  readonly span: Span;
  /** The customer's zone: hours are local to the place visited, not to the bank. */
  readonly zone: string;
  readonly holidays: readonly string[];
  readonly stage: ComplianceStage;
  /** How the customer would be reached (absent on the query: a visit). */
  readonly channel: ActionChannel;
  /** Why (absent on the query: collection, the strictest reading). */
  readonly purpose: ActionPurpose;
  readonly staff: ReadonlySet<string>;
  readonly flags: {
    readonly dispute: boolean;
    readonly bankruptcy: boolean;
    readonly deceased: boolean;
    readonly ceaseContact: boolean;
    readonly vulnerable: boolean;
    readonly consentOutsideHours: boolean;
    readonly workplaceContactProhibited: boolean;
  };
  /** Hardship pauses the follow-up policy started, as spans with the reasons reported. */
  readonly pauses: ReadonlyArray<Span & { readonly reasons: readonly HardshipReason[] }>;
  readonly breathingSpaceUntil: number | undefined;
  readonly debtAdviserUntil: number | undefined;
  readonly visits: readonly ContactEvent[];
  /** Visits and remote contacts together, for rules that count every attempt. */
  readonly contacts: readonly ContactEvent[];
  readonly noticeGivenAt: number | undefined;
  readonly noticeLikelyTime: Span | undefined;
  readonly place: 'home' | 'workplace';
}

// Read without widening the contract's type: an extra is used only when it has the documented type.
const extra = (holder: object, key: string): unknown =>
  key in holder ? Reflect.get(holder, key) : undefined;
const extraString = (holder: object, key: string): string | undefined => {
  const value = extra(holder, key);
  return typeof value === 'string' ? value : undefined;
};

const extraInterval = (holder: object, key: string): Span | undefined => {
  const value = extra(holder, key);
  if (typeof value !== 'object' || value === null) return undefined;
  const start = Reflect.get(value, 'start');
  const end = Reflect.get(value, 'end');
  return typeof start === 'string' && typeof end === 'string'
    ? { start: instantMs(start), end: instantMs(end) }
    : undefined;
};

const optionalMs = (iso: string | null | undefined): number | undefined =>
  iso === null || iso === undefined ? undefined : instantMs(iso);

export function factsOf(query: VisitQuery, span: Span): VisitFacts {
  const { flags } = query.customer;
  const visits = query.history.visits.map(
    (visit): ContactEvent => ({
      at: instantMs(visit.at),
      conversation: visit.contactResult === 'customer_met' || visit.contactResult === 'refused',
      thirdPartyOnly: visit.contactResult === 'third_party_only',
    }),
  );
  const remote = (query.history.contacts ?? []).map(
    (contact): ContactEvent => ({
      at: instantMs(contact.at),
      conversation: contact.reached === true,
      thirdPartyOnly: false,
    }),
  );
  return {
    interval: toInterval(span),
    span,
    zone: extraString(query.customer.address, 'timeZone') ?? query.tenant.timeZone,
    holidays: query.holidays ?? [],
    stage: query.stage ?? 'planning',
    channel: query.channel ?? 'visit',
    purpose: query.purpose ?? 'collection',
    staff: new Set(query.staff.map((member) => member.agentId)),
    flags: {
      dispute: flags.dispute,
      bankruptcy: flags.bankruptcy,
      deceased: flags.deceased,
      ceaseContact: flags.ceaseContact,
      vulnerable: flags.vulnerability !== null,
      consentOutsideHours: flags.consentOutsideHours,
      workplaceContactProhibited: query.customer.contacts.some(
        (contact) => contact.kind === 'work_phone' && contact.doNotUse,
      ),
    },
    pauses: (query.pauses ?? []).map((pause) => ({
      start: instantMs(pause.from),
      end: instantMs(pause.until),
      reasons: pause.reasons,
    })),
    breathingSpaceUntil: optionalMs(flags.breathingSpaceUntil),
    debtAdviserUntil: optionalMs(flags.debtAdviserUntil),
    visits,
    contacts: [...visits, ...remote],
    noticeGivenAt: optionalMs(extraString(query, 'noticeGivenAt')),
    noticeLikelyTime: extraInterval(query, 'noticeLikelyTime'),
    place: extra(query, 'place') === 'workplace' ? 'workplace' : 'home',
  };
}

export const days = (n: number): number => n * DAY_MS;
