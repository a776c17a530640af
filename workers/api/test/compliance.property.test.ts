/**
 * The Must-show of the compliance guardrails, through the real routes: for random customers, teams,
 * windows, check-in instants and outcomes under each jurisdiction pack, every request the API accepts
 * is allowed by the pack when judged again here, from what this test wrote (not from the worker's
 * reading of D1), and every refusal names the rule that forbids it.
 */
import { env } from 'cloudflare:test';
import { combineCompliance, compliancePacks, type VisitQueryExtras } from '@doorstep/compliance';
import {
  type AgentId,
  type CaseId,
  ContactResultSchema,
  type CustomerId,
  type Interval,
  instantiatePolicy,
  localDateAt,
  toInstant,
  type VisitQuery,
} from '@doorstep/core';
import { aCase, aCustomer, customerFlags } from '@doorstep/testkit';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { atServerTime } from './fixtures/clock';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The packs' default `checkIn.windowToleranceMinutes`: an arrival this far outside the window is refused. */
const WINDOW_TOLERANCE = 30 * MINUTE;
// Every visit of this test falls in the last day of the real clock (notices and contacts may not be
// dated in the future); windows spread over it reach every local hour.
const NOW = Date.now();
const EARLIEST_START = NOW - 21 * HOUR;
const JURISDICTIONS = [
  { pack: 'cn', zone: 'Asia/Shanghai' },
  { pack: 'us', zone: 'America/New_York' },
  { pack: 'in', zone: 'Asia/Kolkata' },
  { pack: 'uk', zone: 'Europe/London' },
] as const;
const CUSTOMER_ZONES = ['Asia/Shanghai', 'America/Los_Angeles', 'America/New_York', 'Europe/London'];

type Pack = (typeof JURISDICTIONS)[number]['pack'];
const tenants = new Map<Pack, FixtureTenant>();

beforeAll(async () => {
  for (const { pack, zone } of JURISDICTIONS) {
    const f = await createFixtureTenant(`cprop${pack}`);
    await env.DB.prepare(`UPDATE tenants SET jurisdiction = ?, time_zone = ? WHERE id = ?`)
      .bind(pack, zone, f.tenantId)
      .run();
    tenants.set(pack, f);
  }
});

const scenario = fc
  .record({
    jurisdiction: fc.constantFrom(...JURISDICTIONS),
    // Up to 19 hours on from the earliest start: the last window starts two hours before now.
    quarters: fc.integer({ min: 0, max: 76 }),
  })
  .chain(({ jurisdiction, quarters }) => {
    const start = EARLIEST_START + quarters * 15 * MINUTE;
    return fc.record({
      pack: fc.constant(jurisdiction.pack),
      window: fc.integer({ min: 2, max: 8 }).map((length) => ({ start, end: start + length * 15 * MINUTE })),
      onHoliday: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      customerZone: fc.option(fc.constantFrom(...CUSTOMER_ZONES), { nil: null }),
      // Each flag on about one customer in thirty: refusals by flag, and room for visits that pass.
      flags: customerFlags({
        oneIn: 30,
        pauseEnd: fc.integer({ min: start - DAY, max: start + DAY }).map(toInstant),
      }),
      pastVisits: fc.array(fc.integer({ min: start - 60 * DAY, max: start - HOUR }), { maxLength: 2 }),
      staff: fc.constantFrom(1, 2, 2),
      checkInMinutes: fc.integer({ min: -120, max: 120 }).map((n) => n * 5),
      // Hours between the notice and the visit; absent, no notice is recorded.
      noticeHoursAhead: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null, freq: 4 }),
      checkIn: fc.boolean(),
      contactResult: fc.constantFrom(...ContactResultSchema.options),
      disclosureConfirmed: fc.boolean(),
    });
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;
type Query = VisitQuery & Partial<VisitQueryExtras>;

let run = 0;

/** A fresh customer, account and case with this scenario's flags, zone and past visits. */
async function writeCase(f: FixtureTenant, s: Scenario) {
  run += 1;
  const [customerId, accountId, caseId] = ['cus', 'acc', 'case'].map((prefix) => `${prefix}_cprop_${run}`);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO customers (id, tenant_id, external_ref, name, time_zone, flags, source_updated_at, created_at, updated_at)
       VALUES (?, ?, ?, 'Property Customer', ?, ?, 0, 0, 0)`,
    ).bind(customerId, f.tenantId, customerId, s.customerZone, JSON.stringify(s.flags)),
    env.DB.prepare(
      `INSERT INTO accounts (id, tenant_id, customer_id, external_ref, kind, product, currency, limit_or_principal, status, dpd, overdue_total, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'loan', 'consumer-loan', 'CNY', 5000000, 'delinquent', 45, 320000, 0, 0)`,
    ).bind(accountId, f.tenantId, customerId, accountId),
    env.DB.prepare(
      `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, region_id, agency_id, eligible, priority, opened_at, updated_at)
       VALUES (?, ?, ?, ?, 'screened', 'M2', 45, 320000, 320000, 'CNY', 'reg_futian', ?, 1, 0.5, 0, 0)`,
    ).bind(caseId, f.tenantId, customerId, accountId, f.agencyA),
    ...s.pastVisits.map((at, i) =>
      env.DB.prepare(
        `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, status, checked_in_at, created_at, updated_at)
         VALUES (?, ?, ?, 'understand_situation', '[]', 'completed', ?, 0, 0)`,
      ).bind(`vis_cprop_${run}_past${i}`, f.tenantId, caseId, at),
    ),
  ]);
  return { customerId: customerId as CustomerId, caseId: caseId as CaseId };
}

/** The visit as a plan would have written it, when the manual route refused to create it. */
async function writePlannedVisit(f: FixtureTenant, caseId: string, agentIds: string[], window: Interval) {
  const id = `vis_cprop_${run}`;
  await env.DB.prepare(
    `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, lead_agent_id, window_start, window_end, status, created_at, updated_at)
     VALUES (?, ?, ?, 'understand_situation', ?, ?, ?, ?, 'planned', 0, 0)`,
  )
    .bind(
      id,
      f.tenantId,
      caseId,
      JSON.stringify(agentIds),
      agentIds[0],
      Date.parse(window.start),
      Date.parse(window.end),
    )
    .run();
  return id;
}

const rulesOf = async (response: Response) => {
  const problem = await response.json<{ code: string; vetoes: { rule: string }[] }>();
  expect(problem.code).toBe('VISIT.COMPLIANCE_VETO');
  return problem.vetoes.map((veto) => veto.rule);
};

const etagOf = async (f: FixtureTenant, visitId: string) =>
  (await call(f.keys.supervisor, 'GET', `/v1/visits/${visitId}`)).headers.get('ETag') ?? '';

/** The first instant of `interval` the windows leave out, or null when they cover it. */
function firstUncovered(interval: Interval, windows: readonly Interval[]): string | null {
  let reached = Date.parse(interval.start);
  for (const window of windows) {
    if (Date.parse(window.start) > reached) break;
    reached = Math.max(reached, Date.parse(window.end));
  }
  return reached >= Date.parse(interval.end) ? null : toInstant(reached);
}

describe('every visit the API accepts is allowed by the tenant’s pack', () => {
  it('creation, check-in and outcome: accepted only when the pack allows, refused naming the rule', async () => {
    const counts = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const f = tenants.get(s.pack)!;
        const tenantZone = JURISDICTIONS.find((j) => j.pack === s.pack)!.zone;
        // On some runs the day of the visit, at the customer's address, is one of the tenant's holidays.
        const holidays = s.onHoliday
          ? [localDateAt(toInstant(s.window.start), s.customerZone ?? tenantZone)]
          : [];
        await env.DB.prepare(
          `UPDATE tenants SET settings = json_set(settings, '$.holidays', json(?)) WHERE id = ?`,
        )
          .bind(JSON.stringify(holidays), f.tenantId)
          .run();
        const pack = compliancePacks.find((candidate) => candidate.id === s.pack)!;
        // The tenants have no policy options: the pack's defaults, as the worker resolves them.
        const instance = instantiatePolicy(pack);
        if (!instance.ok) throw new Error(`pack ${s.pack} does not instantiate`);
        const compliance = combineCompliance([instance.value.fns]);
        const { customerId, caseId } = await writeCase(f, s);
        const agentIds = [f.agentA1, f.agentA2].slice(0, s.staff);
        const window = { start: toInstant(s.window.start), end: toInstant(s.window.end) };
        const base = aCustomer({ id: customerId, flags: s.flags });
        const facts: Omit<Query, 'interval' | 'stage'> = {
          tenant: {
            tenantId: f.tenantId as Query['tenant']['tenantId'],
            timeZone: tenantZone,
            currency: 'CNY',
            jurisdictionPackId: s.pack,
          },
          customer: {
            ...base,
            address: { ...base.address, ...(s.customerZone ? { timeZone: s.customerZone } : {}) },
          },
          case: aCase({ id: caseId, customerId }),
          staff: agentIds.map((agentId) => ({ agentId: agentId as AgentId })),
          history: { visits: s.pastVisits.map((at) => ({ at: toInstant(at) })) },
          holidays,
        };
        const tally = (accepted: boolean) => {
          counts[accepted ? 'accepted' : 'refused'] += 1;
        };

        // Creating the visit: the whole window with this team, at the planning stage.
        const created = await call(f.keys.supervisor, 'POST', '/v1/visits', {
          body: { caseId, purpose: 'understand_situation', agentIds, window },
        });
        // As the worker plans: a notice not yet on record could be given now (UK), so it counts from now.
        const planned = compliance.assessVisit({
          noticeGivenAt: toInstant(Date.now()),
          ...facts,
          interval: window,
          stage: 'planning',
        });
        const uncovered = firstUncovered(window, planned.windows);
        tally(created.status === 201);
        if (created.status === 201) {
          expect(planned.vetoes).toEqual([]);
          expect(uncovered).toBeNull();
        } else {
          expect(created.status).toBe(422);
          const forbidding = new Set(planned.vetoes.map((veto) => veto.rule));
          if (forbidding.size === 0 && uncovered !== null) {
            const at = compliance.assessCheckIn({ ...facts, interval: window }, uncovered);
            if (!at.allowed) for (const veto of at.vetoes) forbidding.add(veto.rule);
          }
          const named = await rulesOf(created);
          expect(named.length).toBeGreaterThan(0);
          expect(named.filter((rule) => !forbidding.has(rule))).toEqual([]);
        }
        const visitId =
          created.status === 201
            ? (await created.json<{ id: string }>()).id
            : await writePlannedVisit(f, caseId, agentIds, window);

        const notice =
          s.noticeHoursAhead === null
            ? {}
            : {
                noticeGivenAt: toInstant(s.window.start - s.noticeHoursAhead * HOUR),
                noticeLikelyTime: {
                  start: toInstant(s.window.start - HOUR),
                  end: toInstant(s.window.end + HOUR),
                },
              };
        if (s.noticeHoursAhead !== null) {
          const recorded = await call(f.keys.supervisor, 'POST', `/v1/visits/${visitId}/notices`, {
            body: { givenAt: notice.noticeGivenAt, channel: 'letter', likelyTime: notice.noticeLikelyTime },
          });
          expect(recorded.status).toBe(201);
        }
        const judged = { ...facts, ...notice, interval: window };

        // Check-in at a random instant around the window, the device's clock and the server's agreeing:
        // an arrival outside the window and its tolerance is refused before the pack is asked.
        let checkedIn = false;
        if (s.checkIn) {
          const at = toInstant(s.window.start + s.checkInMinutes * MINUTE);
          const etag = await etagOf(f, visitId);
          const response = await atServerTime(at, () =>
            call(f.keys.supervisor, 'POST', `/v1/visits/${visitId}/check-in`, {
              body: { at, lat: 22.54, lon: 114.05 },
              headers: { 'If-Match': etag },
            }),
          );
          const arrival = Date.parse(at);
          const onTime =
            arrival >= s.window.start - WINDOW_TOLERANCE && arrival <= s.window.end + WINDOW_TOLERANCE;
          const decision = compliance.assessCheckIn(judged, at);
          checkedIn = response.status === 200;
          tally(checkedIn);
          if (checkedIn) {
            expect(onTime).toBe(true);
            expect(decision).toMatchObject({ allowed: true });
          } else if (!onTime) {
            expect(response.status).toBe(422);
            const problem = await response.json<{ code: string; refusals: { rule: string }[] }>();
            expect(problem.code).toBe('VISIT.CHECK_IN_REFUSED');
            expect(problem.refusals.map((refusal) => refusal.rule)).toEqual(['visit-window']);
          } else {
            expect(response.status).toBe(422);
            expect(decision.allowed).toBe(false);
            if (!decision.allowed) expect(await rulesOf(response)).toContain(decision.forbiddenBy.rule);
          }
        }

        // The outcome: a visit not checked in is judged at its planned start, and where the pack forbids
        // telling third parties of the debt, an unconfirmed third-party-only outcome is a breach.
        const response = await call(f.keys.supervisor, 'POST', `/v1/visits/${visitId}/outcome`, {
          body: {
            contactResult: s.contactResult,
            checklist: [{ item: 'no_disclosure_to_third_parties', confirmed: s.disclosureConfirmed }],
            willingness: null,
            monthlyAbilityToPay: null,
            satisfaction: null,
          },
          headers: { 'If-Match': await etagOf(f, visitId) },
        });
        const moment = checkedIn ? null : compliance.assessCheckIn(judged, window.start);
        const forbidding = [
          ...(moment && !moment.allowed ? [moment.forbiddenBy.rule] : []),
          ...('privacy.third-party-disclosure' in pack.reasons &&
          s.contactResult === 'third_party_only' &&
          !s.disclosureConfirmed
            ? ['third-party-disclosure']
            : []),
        ];
        tally(response.status === 200);
        if (response.status === 200) expect(forbidding).toEqual([]);
        else {
          expect(response.status).toBe(422);
          expect(forbidding.length).toBeGreaterThan(0);
          // The moment is judged before the disclosure, so a refusal names the first of them.
          expect(await rulesOf(response)).toContain(forbidding[0]);
        }
      }),
      { numRuns: 40 },
    );
    // Both answers must be seen for the property to say anything about either.
    expect(counts.accepted).toBeGreaterThan(5);
    expect(counts.refused).toBeGreaterThan(10);
  }, 120_000);
});
