/**
 * The five-minute tour, once: the README's tour section is rendered from these steps (`render.ts`)
 * and `pnpm tour` runs them against a local stack (`run.ts`), so the two cannot drift apart.
 *
 * Strings may name tour variables as `{NAME}`: the setup's, and those earlier steps capture from
 * their answers. Dates are relative to the day the tour runs.
 */
import { demoTenant } from '../seed/demo-tenant';

/** A value the tour computes when it gets there, with the shell line that computes the same. */
export interface Computed {
  name: string;
  shell: string;
  value: () => string;
}

export interface TourRequest {
  /** A short comment shown after the command in the README. */
  note?: string;
  method: 'GET' | 'POST';
  /** The path and query, e.g. `/v1/cases/{CASE}/dossier`. */
  path: string;
  body?: unknown;
  /** Core-banking events for `demo:send-events`, which signs them; `path` is then the intake path. */
  intake?: true;
  /** The ETag a conditional update sends as `If-Match`. */
  ifMatch?: string;
  /** Statuses the answer may have; the runner fails on any other, or on a body that breaks its schema. */
  expect: number[];
  /** For a refusal among `expect`: the problem codes it may carry (a refusal for a reason shown). */
  refusalCodes?: string[];
  /** Variables read from a successful answer: name → dotted path (`items.0.id`). */
  capture?: Record<string, string>;
  /** Asks again, once a second, until the field at `path` holds one of `values`. */
  until?: { path: string; values: string[]; timeoutSeconds: number };
  /** Runs only when this variable was captured (an earlier step succeeded). */
  onlyIf?: string;
}

export interface TourSection {
  title: string;
  prose: string;
  computed?: Computed[];
  requests: TourRequest[];
  /** Said after the commands. */
  after?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const MINUTE = 60_000;

export const TOUR_AGENTS = ['agt_demo00001', 'agt_demo00011', 'agt_demo00002', 'agt_demo00012'];

/** The setup every step reads: where the API is, the demo key, this run's tag and relative dates. */
export const SETUP: Computed[] = [
  { name: 'KEY', shell: demoTenant.adminKey, value: () => demoTenant.adminKey },
  { name: 'RUN', shell: '$(date +%s)', value: () => String(Math.floor(Date.now() / 1000)) },
  {
    name: 'TODAY',
    shell: `$(node -p 'new Date().toISOString().slice(0, 10)')`,
    value: () => iso(Date.now()).slice(0, 10),
  },
  {
    name: 'TOMORROW',
    shell: `$(node -p 'new Date(Date.now() + 864e5).toISOString().slice(0, 10)')`,
    value: () => iso(Date.now() + 86_400_000).slice(0, 10),
  },
  {
    name: 'MONTH_AGO',
    shell: `$(node -p 'new Date(Date.now() - 30 * 864e5).toISOString().slice(0, 10)')`,
    value: () => iso(Date.now() - 30 * 86_400_000).slice(0, 10),
  },
];

/** Asks for a resource the queue is working on until its `status` is `status` (three minutes at most). */
const waitUntil = (path: string, status: string, note: string): TourRequest => ({
  method: 'GET',
  path,
  expect: [200],
  until: { path: 'status', values: [status], timeoutSeconds: 180 },
  note,
});

/** Her visit by the first team, between `start` and `end`. */
const visitOfTwo = (start: string, end: string) => ({
  method: 'POST' as const,
  path: '/v1/visits',
  body: {
    caseId: '{CASE}',
    purpose: 'understand_situation',
    agentIds: TOUR_AGENTS.slice(0, 2),
    window: { start, end },
  },
});

const checklist = ['show_staff_id', 'state_name_and_bank', 'confirm_right_party', 'state_purpose'].map(
  (item) => ({ item, confirmed: true }),
);

export const TOUR: TourSection[] = [
  {
    title: 'Intake',
    prose:
      'Core banking pushes signed events (Standard Webhooks). `demo:send-events` signs them with the demo tenant’s secret; see `docs/intake.md` for the event types and answers. The new customer’s case is found by the bank’s own numbers.',
    requests: [
      {
        method: 'POST',
        path: '/v1/intake/events',
        intake: true,
        body: [
          {
            type: 'customer.upserted',
            version: 1,
            occurredAt: '{TODAY}T01:00:00Z',
            data: {
              customerRef: 'C{RUN}',
              name: '陈明',
              address: { line: 'Futian, Building 3', lat: 22.54, lon: 114.06 },
              regionCode: 'futian',
            },
          },
          {
            type: 'account.delinquency_updated',
            version: 1,
            occurredAt: '{TODAY}T01:00:00Z',
            data: {
              accountRef: 'A{RUN}',
              customerRef: 'C{RUN}',
              kind: 'credit_card',
              product: 'Classic card',
              currency: 'CNY',
              limitOrPrincipalMinor: 5000000,
              outstandingBalanceMinor: 1800000,
              sequence: 1,
              asOf: '{TODAY}T00:00:00Z',
              dpd: 45,
              overduePrincipalMinor: 600000,
              overdueInterestMinor: 24000,
              overdueFeesMinor: 5000,
            },
          },
        ],
        expect: [200],
      },
      {
        method: 'GET',
        path: '/v1/cases?customerRef=C{RUN}',
        expect: [200],
        capture: { CASE: 'items.0.id', CUSTOMER: 'items.0.customerId' },
        note: 'her case, by the bank’s customer number',
      },
    ],
  },
  {
    title: 'Screening, with the plugins you choose',
    prose:
      'A tenant’s policy set names the plugins that decide. This deployment installs, next to the built-ins and the jurisdiction packs, the example plugin package `@doorstep/plugin-example` (follow-up policy `hardship-first`: a hardship review before any collection step) and `several-accounts` (scaffolded with `pnpm create-plugin`: more priority for a customer behind on several accounts); `workers/api/src/plugins.ts` lists them. Activate a set that uses both, then screen: a large run continues on the queue, so wait for it to complete. Every decision keeps each plugin’s reasons and the set that made it.',
    requests: [
      { method: 'GET', path: '/v1/policy-set/plugins', expect: [200], note: 'what a set may name' },
      {
        method: 'POST',
        path: '/v1/policy-set/versions',
        body: {
          reason: 'hardship first, and customers behind on several accounts sooner',
          document: {
            version: 'tour-{RUN}',
            screening: [{ id: 'weighted-risk' }, { id: 'several-accounts' }],
            compliance: [],
            preparation: { id: 'standard-dossier' },
            planning: { id: 'route-optimised' },
            repayment: { id: 'affordable-plan' },
            followUp: { id: 'hardship-first' },
          },
        },
        expect: [201],
      },
      {
        method: 'POST',
        path: '/v1/screenings',
        body: { filter: { status: 'open' } },
        expect: [201, 202],
        capture: { SCREENING: 'id' },
      },
      waitUntil('/v1/screenings/{SCREENING}', 'completed', 'until the run is completed'),
      {
        method: 'GET',
        path: '/v1/cases?eligible=true&heldOut=false&limit=3',
        expect: [200],
        note: 'the work list: highest priority first, without the holdout',
      },
      {
        method: 'GET',
        path: '/v1/cases/{CASE}/screening-decisions',
        expect: [200],
        note: 'weighted-risk’s and several-accounts’ reasons for her case, and her arm (`decidedBy.arm`)',
      },
    ],
  },
  {
    title: 'A visit by hand',
    prose:
      'Ask compliance before going: may two agents visit her in the next half hour? Then schedule it (the CN pack requires two staff, 08:00–22:00 local, no public holidays); at night or on a holiday it is refused with the rule, as a visit at 23:00 tomorrow always is. A running experiment holds a random share of cases out (the demo day runs one, at 20%): its control group is never visited, so when her arm is `holdout` both visits are refused with 422 `VISIT.HELD_OUT` — which is why a field app’s work list asks for `heldOut=false`.',
    computed: [
      {
        name: 'START',
        shell: `$(node -p 'new Date(Date.now() + 60e3).toISOString()')`,
        value: () => iso(Date.now() + MINUTE),
      },
      {
        name: 'END',
        shell: `$(node -p 'new Date(Date.now() + 31 * 60e3).toISOString()')`,
        value: () => iso(Date.now() + 31 * MINUTE),
      },
    ],
    requests: [
      {
        method: 'POST',
        path: '/v1/compliance/contact-checks',
        body: {
          customerId: '{CUSTOMER}',
          channel: 'visit',
          at: '{START}',
          staffIds: TOUR_AGENTS.slice(0, 2),
        },
        expect: [200],
        note: '`allowed`, or the reasons and the next allowed windows',
      },
      {
        ...visitOfTwo('{START}', '{END}'),
        expect: [201, 422],
        refusalCodes: ['VISIT.COMPLIANCE_VETO', 'VISIT.HELD_OUT'],
        capture: { VISIT: 'id' },
      },
      {
        ...visitOfTwo('{TOMORROW}T15:00:00.000Z', '{TOMORROW}T15:30:00.000Z'),
        expect: [422],
        refusalCodes: ['VISIT.COMPLIANCE_VETO', 'VISIT.HELD_OUT'],
        note: '23:00 in Shenzhen: refused, naming the rule (unless she is held out)',
      },
    ],
  },
  {
    title: 'At the door',
    prose:
      'Before knocking, the dossier: what she owes as of when, her history, the suggested purpose and the introduction checklist. Check in (optimistic concurrency: `If-Match` carries the visit’s ETag; the device’s clock must agree with the server’s), then record what she said: contact result, the checklist, hardship, willingness 1–5, monthly ability to pay, satisfaction, a promise to pay.',
    computed: [
      {
        name: 'NOW',
        shell: `$(node -p 'new Date().toISOString()')`,
        value: () => iso(Date.now()),
      },
    ],
    requests: [
      { method: 'GET', path: '/v1/cases/{CASE}/dossier', expect: [200] },
      {
        method: 'POST',
        path: '/v1/visits/{VISIT}/check-in',
        ifMatch: '"1"',
        body: { at: '{NOW}', lat: 22.54, lon: 114.06 },
        expect: [200],
        onlyIf: 'VISIT',
      },
      {
        method: 'POST',
        path: '/v1/visits/{VISIT}/outcome',
        ifMatch: '"2"',
        body: {
          contactResult: 'customer_met',
          checklist,
          hardshipReasons: ['job_loss'],
          willingness: 4,
          monthlyAbilityToPay: { amountMinor: 350000, currency: 'CNY' },
          satisfaction: 4,
          promiseToPay: { amount: { amountMinor: 100000, currency: 'CNY' }, dueDate: '{TOMORROW}' },
        },
        expect: [200],
        onlyIf: 'VISIT',
      },
    ],
    after: 'Steps with `$VISIT` need the visit of step 3; when it was refused, skip them.',
  },
  {
    title: 'An affordable plan and the follow-ups',
    prose:
      'The repayment policy proposes instalments that sum exactly to the arrears, or refuses with its reason (“takes 14 months > 12”); accepted on a call (after the introduction checklist), its instalments get reminders and checks. When the visit happened, the set’s follow-up policy, `hardship-first`, has already scheduled durable timers for the job loss reported at the door: a hardship review the next day, support material, and collection paused until a revisit (each timer names its reason and the set that scheduled it).',
    requests: [
      {
        method: 'POST',
        path: '/v1/cases/{CASE}/repayment-plans',
        body: { monthlyAbilityToPay: { amountMinor: 350000, currency: 'CNY' }, preferredDayOfMonth: 15 },
        expect: [201],
        capture: { PLAN: 'id' },
      },
      {
        method: 'POST',
        path: '/v1/repayment-plans/{PLAN}/accept',
        ifMatch: '"1"',
        body: { channel: 'call', checklist },
        expect: [200],
      },
      { method: 'GET', path: '/v1/cases/{CASE}/follow-ups', expect: [200] },
    ],
    after:
      'A cron tick locally: `curl -X POST "$API/cdn-cgi/local/scheduled"` (in production the minute cron does it).',
  },
  {
    title: 'A day’s routes',
    prose:
      'The planner (a VRPTW solver, `planning/route-optimised`) builds two-person routes for a district for tomorrow, inside legal hours and the agents’ shifts, skipping cases an experiment holds out or already being visited. It runs on the queue: wait until the plan is a `draft`, then publish it (core banking hears `visit_plan.published` and a `visit.scheduled` per visit).',
    requests: [
      {
        method: 'POST',
        path: '/v1/visit-plans',
        body: {
          date: '{TOMORROW}',
          regionId: 'reg_futian',
          agentIds: TOUR_AGENTS,
          teamSize: 2,
          maxCases: 40,
        },
        expect: [202],
        capture: { VISIT_PLAN: 'id' },
      },
      waitUntil(
        '/v1/visit-plans/{VISIT_PLAN}',
        'draft',
        'routes, stops with times, unplanned cases with reasons',
      ),
      { method: 'POST', path: '/v1/visit-plans/{VISIT_PLAN}/publish', expect: [200] },
    ],
  },
  {
    title: 'Evaluation',
    prose:
      'KPIs with numerator and denominator (JSON or CSV), and a randomised holdout whose effect report gives the cure-rate difference with a 95% interval. An experiment can also name a stored, inactive policy-set version as a **challenger**: it then decides for a random share of cases at every stage, and the report compares holdout, champion and challenger (`docs/plugins.md`, step 6).',
    requests: [
      {
        method: 'GET',
        path: '/v1/reports/kpis/overdue-rate.count?from={MONTH_AGO}&to={TODAY}&groupBy=region&format=csv',
        expect: [200],
        note: 'a 503 REPORT.BUILDING means the month’s rollup is being built: ask again shortly',
      },
      {
        method: 'GET',
        path: '/v1/reports/kpis/right-party-contact-rate?from={MONTH_AGO}&to={TOMORROW}&groupBy=agent',
        expect: [200],
      },
      {
        method: 'GET',
        path: '/v1/experiments?limit=5',
        expect: [200],
        note: 'the demo day’s holdout, its arms and their sizes; `POST /v1/experiments` starts another',
      },
      {
        method: 'GET',
        path: '/v1/reports/social-responsibility?from={MONTH_AGO}&to={TOMORROW}',
        expect: [200],
      },
    ],
  },
];
