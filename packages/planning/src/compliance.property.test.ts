/**
 * The Must-show of the compliance guardrails, at the core: for random portfolios, packs, options and
 * teams, no stop the route-optimised planner puts on a route violates the jurisdiction pack. Each stop
 * is judged again, apart from how the planner's candidates were built: by the pack for that customer,
 * that team and that stop's own interval, and by the check-in at its start.
 */
import {
  CommonOptionsSchema,
  cnPack,
  combineCompliance,
  type DailyHours,
  inPack,
  planningWindows,
  ukPack,
  usPack,
  type VisitQueryExtras,
} from '@doorstep/compliance';
import {
  type AgentId,
  type AnyCompliancePolicy,
  addDays,
  type CaseId,
  type ComplianceFunctions,
  ContactResultSchema,
  type CustomerId,
  type Instant,
  type Interval,
  instantiatePolicy,
  type LocalDate,
  localDateAt,
  localPartsAt,
  type PlanningInput,
  startOfLocalDay,
  type TenantSettings,
  toInstant,
  type VisitQuery,
} from '@doorstep/core';
import { aCase, aCustomer, aTenant, customerFlags } from '@doorstep/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routeOptimised } from './route-optimised';

type PackId = 'cn' | 'us' | 'in' | 'uk';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// DST-observing zones (north and south, a 30-minute shift) next to fixed ones, and planning days on,
// before and after their 2026 transitions.
const ZONES = [
  'Asia/Shanghai',
  'Asia/Kolkata',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Australia/Lord_Howe',
] as const;
const DATES: readonly LocalDate[] = [
  '2026-03-08',
  '2026-03-29',
  '2026-04-05',
  '2026-05-07',
  '2026-10-25',
  '2026-11-01',
];
const FUTIAN = { lat: 22.54, lon: 114.06 };

const wholeHour = fc.integer({ min: 0, max: 23 }).map((h) => `${String(h).padStart(2, '0')}:00`);
// Mostly the pack's own hours, sometimes any span: random hours often leave no room in a shift.
const hours = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  {
    arbitrary: fc
      .tuple(wholeHour, wholeHour, fc.boolean())
      .filter(([from, to]) => from !== to)
      .map(([from, to, asAllowed]) => (asAllowed ? { allowed: { from, to } } : { forbidden: { from, to } })),
    weight: 1,
  },
);

/** Each pack with options drawn around its defaults; every number the pack exposes may move. */
const packOptions: Record<PackId, fc.Arbitrary<Record<string, unknown>>> = {
  cn: fc.record({ minStaff: fc.integer({ min: 1, max: 3 }) }),
  us: fc.record({
    frequency: fc.record({
      maxContacts: fc.integer({ min: 1, max: 8 }),
      periodDays: fc.integer({ min: 1, max: 10 }),
      daysAfterConversation: fc.integer({ min: 0, max: 7 }),
    }),
  }),
  in: fc.record({
    familyPrivacy: fc.record({
      maxThirdPartyOnlyVisits: fc.integer({ min: 1, max: 3 }),
      periodDays: fc.integer({ min: 7, max: 60 }),
    }),
  }),
  uk: fc.record({ minNoticeHours: fc.integer({ min: 0, max: 72 }) }),
};
const PACKS: Record<PackId, AnyCompliancePolicy> = { cn: cnPack, us: usPack, in: inPack, uk: ukPack };
const DEFAULTS: Record<PackId, object> = {
  cn: cnPack.defaultOptions,
  us: usPack.defaultOptions,
  in: inPack.defaultOptions,
  uk: ukPack.defaultOptions,
};

const pack = fc.constantFrom<PackId>('cn', 'us', 'in', 'uk').chain((id) =>
  fc.record({
    id: fc.constant(id),
    options: fc
      .tuple(
        packOptions[id],
        fc.record({
          hours,
          consentLiftsHours: fc.boolean(),
          cooldownDays: fc.integer({ min: 0, max: 10 }),
          visitCap: fc.record({
            maxVisits: fc.integer({ min: 2, max: 4 }),
            periodDays: fc.integer({ min: 7, max: 60 }),
          }),
        }),
      )
      .map(([own, { hours: daily, ...common }]) => ({
        ...DEFAULTS[id],
        ...common,
        ...(daily === undefined ? {} : { hours: daily }),
        ...own,
      })),
  }),
);

/** An instant up to `before` days before and `after` days after the start of the planning day. */
const aroundDay = (dayStart: number, before: number, after: number) =>
  fc.integer({ min: dayStart - before * DAY, max: dayStart + after * DAY }).map(toInstant);

const customer = (dayStart: number, date: LocalDate) =>
  fc.record({
    zone: fc.constantFrom(...ZONES),
    east: fc.integer({ min: 0, max: 15 }),
    north: fc.integer({ min: 0, max: 15 }),
    priority: fc.integer({ min: 0, max: 100 }),
    flags: customerFlags({ oneIn: 20, pauseEnd: aroundDay(dayStart, 2, 2) }),
    visits: fc.array(
      fc.record({
        at: aroundDay(dayStart, 60, 0),
        contactResult: fc.constantFrom(...ContactResultSchema.options),
      }),
      { maxLength: 2 },
    ),
    contacts: fc.array(aroundDay(dayStart, 10, 0), { maxLength: 4 }),
    holidays: fc.subarray([addDays(date, -1), date, addDays(date, 1)], { maxLength: 1 }),
  });

const scenario = fc
  .record({ date: fc.constantFrom(...DATES), tenantZone: fc.constantFrom(...ZONES) })
  .chain(({ date, tenantZone }) => {
    const dayStart = Date.parse(startOfLocalDay(date, tenantZone));
    return fc.record({
      date: fc.constant(date),
      tenantZone: fc.constant(tenantZone),
      // When the plan is made: the evening before, or days ahead (what a notice period needs).
      planAhead: fc.integer({ min: 2, max: 96 }),
      pack,
      customers: fc.array(customer(dayStart, date), { minLength: 1, maxLength: 6 }),
      agents: fc.array(
        fc.record({ staff: fc.constantFrom(1, 2), maxVisits: fc.integer({ min: 1, max: 4 }) }),
        { minLength: 1, maxLength: 3 },
      ),
      seed: fc.nat(1000),
    });
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;
type Query = VisitQuery & Partial<VisitQueryExtras>;
/** A visit query without the team, the interval and the stage: what a host knows of a case. */
type CaseFacts = Omit<Query, 'staff' | 'interval' | 'stage'>;

const caseIdOf = (i: number) => `case_${i}` as CaseId;
const teamOf = (lead: string, staff: number): VisitQuery['staff'] =>
  [lead, `${lead}_partner`, `${lead}_third`]
    .slice(0, staff)
    .map((agentId) => ({ agentId: agentId as AgentId }));

function caseFacts(s: Scenario, tenant: TenantSettings): CaseFacts[] {
  return s.customers.map((c, i) => {
    const customerId = `cus_${i}` as CustomerId;
    const base = aCustomer({
      id: customerId,
      address: {
        lines: [`${i} Test Road`],
        city: 'Testville',
        country: 'XX',
        lat: FUTIAN.lat + c.north / 100,
        lon: FUTIAN.lon + c.east / 100,
      },
      flags: c.flags,
    });
    return {
      tenant,
      customer: { ...base, address: { ...base.address, timeZone: c.zone } },
      case: aCase({ id: caseIdOf(i), customerId }),
      history: { visits: c.visits, contacts: c.contacts.map((at) => ({ at, channel: 'phone' })) },
      holidays: c.holidays,
    };
  });
}

/**
 * What a host does before it plans (the API's `plan.solve` does the same): asks the pack for the
 * planning day through `planningWindows`, and leaves out every case a veto stands on.
 */
function candidatesFor(
  compliance: ComplianceFunctions,
  facts: readonly CaseFacts[],
  priorities: readonly number[],
  day: Interval,
  now: Instant,
): { candidates: PlanningInput['candidates']; excluded: Set<string> } {
  const excluded = new Set<string>();
  const candidates: PlanningInput['candidates'] = [];
  facts.forEach((f, i) => {
    const { windows, vetoes, staffNeeded } = planningWindows(compliance, { ...f, interval: day }, now);
    if (vetoes.length > 0) {
      excluded.add(f.case.id);
      return;
    }
    candidates.push({
      caseId: f.case.id,
      priority: priorities[i]!,
      location: { lat: f.customer.address.lat, lon: f.customer.address.lon },
      windows,
      durationMinutes: 0,
      staffNeeded,
    });
  });
  return { candidates, excluded };
}

const MINUTE = 60_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Whether a local wall-clock minute is inside daily hours, written apart from the packs' engine. */
function withinHours(minuteOfDay: number, daily: DailyHours): boolean {
  const span = 'allowed' in daily ? daily.allowed : daily.forbidden;
  const [from, to] = [minutesOf(span.from), minutesOf(span.to)] as const;
  const inSpan =
    from < to ? from <= minuteOfDay && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
  return 'allowed' in daily ? inSpan : !inSpan;
}

/**
 * The rules a stop must keep, read straight off the scenario rather than through a pack: what would
 * still catch a pack that forgot a rule, since the planner's windows come from the same pack.
 */
function broken(s: Scenario, customerIndex: number, stop: Interval, staff: number): string[] {
  const c = s.customers[customerIndex]!;
  const options = CommonOptionsSchema.parse(s.pack.options);
  const [start, end] = [Date.parse(stop.start), Date.parse(stop.end)];
  const faults: string[] = [];
  const flagged = (['deceased', 'bankruptcy', 'dispute', 'ceaseContact'] as const).filter(
    (flag) => c.flags[flag],
  );
  faults.push(...flagged.map((flag) => `planned although ${flag}`));
  if (s.pack.id === 'uk' && c.flags.vulnerability !== null) faults.push('planned although vulnerable');
  if (
    s.pack.id === 'uk' &&
    c.flags.breathingSpaceUntil !== null &&
    start < Date.parse(c.flags.breathingSpaceUntil)
  )
    faults.push('planned in Breathing Space');
  if (s.pack.id === 'cn' && staff < cnPack.options.parse(s.pack.options).minStaff)
    faults.push(`${staff} staff`);
  const cooldownEnds = c.visits.map((visit) => Date.parse(visit.at) + options.cooldownDays * DAY);
  if (cooldownEnds.some((until) => start < until)) faults.push('planned inside a cool-down');
  const hoursApply = !(options.consentLiftsHours && c.flags.consentOutsideHours);
  // Read every minute and at the last millisecond: a 45-minute visit is judged on 46 local readings.
  const readings = Array.from({ length: Math.ceil((end - start) / MINUTE) }, (_, i) => start + i * MINUTE);
  for (const at of [...readings, end - 1]) {
    const local = localPartsAt(at, c.zone);
    if (hoursApply && !withinHours(local.hour * 60 + local.minute, options.hours))
      faults.push(`${local.hour}:${local.minute} local in ${c.zone}`);
    if (c.holidays.includes(localDateAt(toInstant(at), c.zone))) faults.push('on a holiday');
  }
  return [...new Set(faults)];
}

describe('route-optimised under every jurisdiction pack', () => {
  it('plans no visit the pack forbids: whole stop inside an allowed window, enough staff, no excluded customer', () => {
    const planner = instantiatePolicy(routeOptimised, { maxIterations: 150 });
    if (!planner.ok) throw new Error(JSON.stringify(planner.error));
    let stopsJudged = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const policy = instantiatePolicy(PACKS[s.pack.id], s.pack.options);
        if (!policy.ok) throw new Error(JSON.stringify(policy.error));
        const compliance = combineCompliance([policy.value.fns]);
        const tenant = aTenant({ timeZone: s.tenantZone });
        const day = {
          start: startOfLocalDay(s.date, s.tenantZone),
          end: startOfLocalDay(addDays(s.date, 1), s.tenantZone),
        };
        const now = toInstant(Date.parse(day.start) - s.planAhead * HOUR);
        const facts = caseFacts(s, tenant);
        const { candidates, excluded } = candidatesFor(
          compliance,
          facts,
          s.customers.map((c) => c.priority),
          day,
          now,
        );
        const proposal = planner.value.fns.plan({
          now,
          tenant,
          date: s.date,
          agents: s.agents.map((a, i) => ({ agentId: `agt_${i}` as AgentId, base: FUTIAN, ...a })),
          candidates,
        });

        const staffOf = new Map(s.agents.map((a, i) => [`agt_${i}`, a.staff]));
        for (const route of proposal.routes) {
          // The planner teams agents up; an agent standing for a pair brings its partner.
          const staff = route.agentIds.flatMap((id) => teamOf(id, staffOf.get(id)!));
          for (const stop of route.stops) {
            stopsJudged += 1;
            const index = facts.findIndex((f) => f.case.id === stop.caseId);
            const caseFact = facts[index]!;
            expect(excluded.has(stop.caseId)).toBe(false);
            expect(broken(s, index, stop.window, staff.length)).toEqual([]);
            const judged: Query = {
              ...caseFact,
              staff,
              interval: stop.window,
              // The notice the bank sends with the plan names the stop's own time.
              noticeGivenAt: now,
              noticeLikelyTime: stop.window,
            };
            const { windows, vetoes } = compliance.assessVisit({ ...judged, stage: 'planning' });
            expect(vetoes).toEqual([]);
            expect(windows).toEqual([stop.window]);
            const checkIn = compliance.assessCheckIn(judged, stop.window.start);
            expect(checkIn).toEqual({ allowed: true, overridden: [] });
          }
        }
      }),
      { numRuns: 80 },
    );
    // A property that never plans a stop proves nothing.
    expect(stopsJudged).toBeGreaterThan(25);
  });
});
