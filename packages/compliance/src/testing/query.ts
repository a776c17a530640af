import type { AgentId, ComplianceAssessment, ContactResult, CustomerFlags, VisitQuery } from '@doorstep/core';
import type { VisitQueryExtras } from '../policy/facts';

export type FlagName = 'dispute' | 'bankruptcy' | 'deceased' | 'ceaseContact' | 'consentOutsideHours';

export interface QueryInput {
  readonly interval: readonly [start: string, end: string];
  readonly tenantZone?: string;
  /** The customer's own zone, carried as the `address.timeZone` extra. */
  readonly zone?: string;
  readonly flags?: readonly FlagName[];
  readonly vulnerable?: boolean;
  readonly breathingSpaceUntil?: string;
  readonly debtAdviserUntil?: string;
  readonly workplaceContactProhibited?: boolean;
  readonly staff?: number | readonly AgentId[];
  readonly visits?: ReadonlyArray<string | { at: string; contactResult: ContactResult }>;
  readonly contacts?: ReadonlyArray<string | { at: string; channel: string; reached: boolean }>;
  readonly holidays?: readonly string[];
  readonly stage?: VisitQuery['stage'];
  readonly noticeGivenAt?: string;
  readonly noticeLikelyTime?: readonly [start: string, end: string];
  readonly place?: 'home' | 'workplace';
  /** Hardship pauses `[from, until]`, reported as job loss. */
  readonly pauses?: ReadonlyArray<readonly [from: string, until: string]>;
}

const AGENTS: readonly AgentId[] = ['agt_a', 'agt_b', 'agt_c'];

/** A complete core `VisitQuery` (plus extras) where everything a table row does not mention is plain. */
export function visitQuery(input: QueryInput): VisitQuery & Partial<VisitQueryExtras> {
  const set = new Set(input.flags ?? []);
  const flags: CustomerFlags = {
    dispute: set.has('dispute'),
    bankruptcy: set.has('bankruptcy'),
    deceased: set.has('deceased'),
    ceaseContact: set.has('ceaseContact'),
    consentOutsideHours: set.has('consentOutsideHours'),
    vulnerability: input.vulnerable ? { kind: 'health' } : null,
    breathingSpaceUntil: input.breathingSpaceUntil ?? null,
    debtAdviserUntil: input.debtAdviserUntil ?? null,
  };
  const staff = typeof input.staff === 'object' ? input.staff : AGENTS.slice(0, input.staff ?? 2);
  return {
    tenant: {
      tenantId: 'ten_1',
      timeZone: input.tenantZone ?? input.zone ?? 'UTC',
      currency: 'CNY',
      jurisdictionPackId: 'test',
    },
    customer: {
      id: 'cus_1',
      name: 'Test Customer',
      contacts: [
        {
          kind: 'work_phone',
          value: '+1 555 0100',
          preferred: false,
          doNotUse: input.workplaceContactProhibited ?? false,
        },
      ],
      address: {
        lines: ['1 Test Road'],
        city: 'Testville',
        country: 'CN',
        lat: 0,
        lon: 0,
        ...(input.zone === undefined ? {} : { timeZone: input.zone }),
      },
      regionId: 'reg_1',
      householdNotes: '',
      flags,
    },
    case: {
      id: 'case_1',
      customerId: 'cus_1',
      accountId: 'acc_1',
      status: 'open',
      openedAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    },
    staff: staff.map((agentId) => ({ agentId })),
    interval: { start: input.interval[0], end: input.interval[1] },
    history: {
      visits: (input.visits ?? []).map((visit) => (typeof visit === 'string' ? { at: visit } : visit)),
      contacts: (input.contacts ?? []).map((contact) =>
        typeof contact === 'string' ? { at: contact, channel: 'phone' } : contact,
      ),
    },
    ...(input.holidays === undefined ? {} : { holidays: [...input.holidays] }),
    ...(input.stage === undefined ? {} : { stage: input.stage }),
    ...(input.noticeGivenAt === undefined ? {} : { noticeGivenAt: input.noticeGivenAt }),
    ...(input.noticeLikelyTime === undefined
      ? {}
      : { noticeLikelyTime: { start: input.noticeLikelyTime[0], end: input.noticeLikelyTime[1] } }),
    ...(input.place === undefined ? {} : { place: input.place }),
    ...(input.pauses === undefined
      ? {}
      : { pauses: input.pauses.map(([from, until]) => ({ reasons: ['job_loss' as const], from, until })) }),
  };
}

/** Windows written minute-precise in tests: `['2026-05-01T00:00', '2026-05-01T14:00']`. */
export const windows = (...pairs: ReadonlyArray<readonly [string, string]>) =>
  pairs.map(([start, end]) => ({ start: `${start}:00.000Z`, end: `${end}:00.000Z` }));

/** An assessment reduced to what table rows state: windows, and each veto's rule, code and overridability. */
export const summary = (assessment: ComplianceAssessment) => ({
  windows: assessment.windows,
  vetoes: assessment.vetoes.map(({ rule, code, overridable }) => ({ rule, code, overridable })),
});

export interface PackCase {
  readonly name: string;
  readonly query: QueryInput;
  readonly windows: ReturnType<typeof windows>;
  readonly vetoes?: ReadonlyArray<{ rule: string; code: string; overridable: boolean }>;
}
