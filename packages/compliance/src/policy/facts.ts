import { DAY_MS, instantMs, type Span, toSpan } from '../windows/spans';

// Provisional shape of the core contract's VisitQuery; replaced by the import from @doorstep/core
// once that lands. Only `factsOf` reads it, so the switch touches this one file.
export interface VisitQuery {
  readonly tenant: { readonly id: string; readonly timeZone: string };
  readonly customer: {
    readonly id: string;
    readonly timeZone?: string | undefined;
    readonly flags?: Partial<Record<CustomerFlag, boolean>> | undefined;
    readonly breathingSpaceSince?: string | undefined;
    readonly debtAdviceSince?: string | undefined;
  };
  readonly case: { readonly id: string };
  readonly staff: ReadonlyArray<{ readonly agentId: string; readonly role?: string | undefined }>;
  readonly interval: { readonly start: string; readonly end: string };
  readonly history: {
    readonly visits: ReadonlyArray<{ readonly at: string; readonly contactResult?: string | undefined }>;
    readonly contacts?: ReadonlyArray<{ readonly at: string; readonly channel: string }> | undefined;
  };
  readonly holidays?: readonly string[] | undefined;
  readonly noticeGivenAt?: string | undefined;
  readonly place?: 'home' | 'workplace' | 'other' | undefined;
}

export type CustomerFlag =
  | 'ceaseContact'
  | 'dispute'
  | 'bankruptcy'
  | 'deceased'
  | 'vulnerable'
  | 'consentOutsideHours'
  | 'workplaceContactProhibited';

export interface ContactEvent {
  readonly at: number;
  /** The customer was reached and spoke (met or refused), which is what Reg F counts as a conversation. */
  readonly conversation: boolean;
  readonly thirdPartyOnly: boolean;
}

/** What the rules read: the query reduced to numbers and booleans, checked once. */
export interface VisitFacts {
  readonly span: Span;
  /** The customer's zone: hours are local to the place visited, not to the bank. */
  readonly zone: string;
  readonly holidays: readonly string[];
  readonly staff: ReadonlySet<string>;
  readonly flags: Readonly<Record<CustomerFlag, boolean>>;
  readonly visits: readonly ContactEvent[];
  /** Visits and remote contacts together, for rules that count every attempt. */
  readonly contacts: readonly ContactEvent[];
  readonly breathingSpaceSince: number | undefined;
  readonly debtAdviceSince: number | undefined;
  readonly noticeGivenAt: number | undefined;
  readonly place: 'home' | 'workplace' | 'other' | undefined;
}

const CONVERSATION_RESULTS = new Set(['customer_met', 'refused']);

const optionalMs = (iso: string | undefined): number | undefined =>
  iso === undefined ? undefined : instantMs(iso);

export function factsOf(query: VisitQuery): VisitFacts {
  const flags = query.customer.flags ?? {};
  const visits = query.history.visits.map(
    (visit): ContactEvent => ({
      at: instantMs(visit.at),
      conversation: CONVERSATION_RESULTS.has(visit.contactResult ?? ''),
      thirdPartyOnly: visit.contactResult === 'third_party_only',
    }),
  );
  const remote = (query.history.contacts ?? []).map(
    (contact): ContactEvent => ({ at: instantMs(contact.at), conversation: false, thirdPartyOnly: false }),
  );
  return {
    span: toSpan(query.interval),
    zone: query.customer.timeZone ?? query.tenant.timeZone,
    holidays: query.holidays ?? [],
    staff: new Set(query.staff.map((member) => member.agentId)),
    flags: {
      ceaseContact: flags.ceaseContact === true,
      dispute: flags.dispute === true,
      bankruptcy: flags.bankruptcy === true,
      deceased: flags.deceased === true,
      vulnerable: flags.vulnerable === true,
      consentOutsideHours: flags.consentOutsideHours === true,
      workplaceContactProhibited: flags.workplaceContactProhibited === true,
    },
    visits,
    contacts: [...visits, ...remote],
    breathingSpaceSince: optionalMs(query.customer.breathingSpaceSince),
    debtAdviceSince: optionalMs(query.customer.debtAdviceSince),
    noticeGivenAt: optionalMs(query.noticeGivenAt),
    place: query.place,
  };
}

export const days = (n: number): number => n * DAY_MS;
