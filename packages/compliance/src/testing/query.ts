import type { CustomerFlag, VisitQuery } from '../policy/facts';

export interface QueryInput {
  readonly interval: readonly [start: string, end: string];
  readonly tenantZone?: string;
  readonly zone?: string;
  readonly flags?: readonly CustomerFlag[];
  readonly staff?: number | readonly string[];
  readonly visits?: ReadonlyArray<string | { at: string; contactResult: string }>;
  readonly contacts?: readonly string[];
  readonly holidays?: readonly string[];
  readonly breathingSpaceSince?: string;
  readonly debtAdviceSince?: string;
  readonly noticeGivenAt?: string;
  readonly place?: 'home' | 'workplace' | 'other';
}

/** A visit query with everything a table row does not mention left plain. */
export function visitQuery(input: QueryInput): VisitQuery {
  const staff =
    typeof input.staff === 'object' ? input.staff : ['agt_a', 'agt_b', 'agt_c'].slice(0, input.staff ?? 2);
  return {
    tenant: { id: 'ten_1', timeZone: input.tenantZone ?? input.zone ?? 'UTC' },
    customer: {
      id: 'cus_1',
      timeZone: input.zone,
      flags: Object.fromEntries((input.flags ?? []).map((flag) => [flag, true])),
      breathingSpaceSince: input.breathingSpaceSince,
      debtAdviceSince: input.debtAdviceSince,
    },
    case: { id: 'case_1' },
    staff: staff.map((agentId) => ({ agentId })),
    interval: { start: input.interval[0], end: input.interval[1] },
    history: {
      visits: (input.visits ?? []).map((visit) => (typeof visit === 'string' ? { at: visit } : visit)),
      contacts: (input.contacts ?? []).map((at) => ({ at, channel: 'phone' })),
    },
    holidays: input.holidays,
    noticeGivenAt: input.noticeGivenAt,
    place: input.place,
  };
}

/** Windows written `HH:MM` style in tests: `['2026-05-01T00:00', '2026-05-01T14:00']`. */
export const windows = (...pairs: ReadonlyArray<readonly [string, string]>) =>
  pairs.map(([start, end]) => ({ start: `${start}:00.000Z`, end: `${end}:00.000Z` }));
