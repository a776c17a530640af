/**
 * The dossier agrees with the case. Random intake streams for one account (snapshots out of order,
 * payments before and after them, in the account's currency or another, sometimes a closure),
 * delivered in random order through the signed intake route; then for every case of the account, the
 * dossier's arrears equal the case's, the case that follows the account owes exactly the latest
 * reported total less the later payments (computed here from the events, not by the code under test),
 * and every date-time in the dossier parses.
 */
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { event, newSecret, signedFetch } from './intake.helpers';

let f: FixtureTenant;
let secret: string;

beforeAll(async () => {
  f = await createFixtureTenant('dprop');
  secret = newSecret();
  await env.DB.prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 0)')
    .bind(`isec_${f.tenantId}`, f.tenantId, secret)
    .run();
});

const DAY = 86_400_000;
/** Ninety days ago at midnight: every fact lies in the past, as intake requires of core banking's clock. */
const T0 = Math.floor(Date.now() / DAY) * DAY - 90 * DAY;
const at = (day: number, minute: number) => new Date(T0 + day * DAY + minute * 60_000).toISOString();

interface Snapshot {
  kind: 'snapshot';
  sequence: number;
  day: number;
  minute: number;
  dpd: number;
  principal: number;
  interest: number;
  fees: number;
}
interface Payment {
  kind: 'payment';
  day: number;
  minute: number;
  amount: number;
  currency: 'CNY' | 'USD';
}
interface Closure {
  kind: 'closure';
  day: number;
}
type Fact = Snapshot | Payment | Closure;

/** Snapshots get increasing sequences in time order, as core banking numbers them; delivery order is shuffled. */
const streamArb = fc
  .record({
    snapshots: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 60 }),
        minute: fc.integer({ min: 0, max: 1439 }),
        dpd: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 150 })),
        principal: fc.integer({ min: 0, max: 500_000 }),
        interest: fc.integer({ min: 0, max: 30_000 }),
        fees: fc.integer({ min: 0, max: 5_000 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    payments: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 62 }),
        minute: fc.integer({ min: 0, max: 1439 }),
        amount: fc.integer({ min: 1, max: 300_000 }),
        currency: fc.constantFrom<'CNY' | 'USD'>('CNY', 'CNY', 'CNY', 'USD'),
      }),
      { maxLength: 4 },
    ),
    closure: fc.option(fc.integer({ min: 30, max: 70 }), { freq: 5 }),
    requests: fc.integer({ min: 1, max: 3 }),
  })
  .chain((stream) => {
    // A current account (DPD 0) owes nothing overdue, as core banking reports it.
    const snapshots = [...stream.snapshots]
      .sort((a, b) => a.day - b.day || a.minute - b.minute)
      .map(
        (s, i): Snapshot => ({
          kind: 'snapshot',
          sequence: i + 1,
          ...s,
          ...(s.dpd === 0 ? { principal: 0, interest: 0, fees: 0 } : {}),
        }),
      );
    const facts: Fact[] = [
      ...snapshots,
      ...stream.payments.map((p): Payment => ({ kind: 'payment', ...p })),
      ...(stream.closure === null ? [] : [{ kind: 'closure', day: stream.closure } as Closure]),
    ];
    return fc.record({
      facts: fc.shuffledSubarray(facts, { minLength: facts.length, maxLength: facts.length }),
      requests: fc.constant(stream.requests),
    });
  });

function intakeEvent(fact: Fact, ref: string, index: number) {
  switch (fact.kind) {
    case 'snapshot':
      return event('account.delinquency_updated', at(fact.day, fact.minute), {
        accountRef: `A-${ref}`,
        customerRef: `C-${ref}`,
        kind: 'loan',
        product: 'consumer-loan',
        currency: 'CNY',
        limitOrPrincipalMinor: 5_000_000,
        outstandingBalanceMinor: 3_000_000,
        sequence: fact.sequence,
        asOf: at(fact.day, fact.minute),
        dpd: fact.dpd,
        overduePrincipalMinor: fact.principal,
        overdueInterestMinor: fact.interest,
        overdueFeesMinor: fact.fees,
      });
    case 'payment':
      return event('payment.received', at(fact.day, fact.minute), {
        paymentRef: `P-${ref}-${index}`,
        accountRef: `A-${ref}`,
        amountMinor: fact.amount,
        currency: fact.currency,
        paidAt: at(fact.day, fact.minute),
      });
    case 'closure':
      return event('account.closed', at(fact.day, 0), { accountRef: `A-${ref}`, closedAt: at(fact.day, 0) });
  }
}

/** What the account owes after every event, computed from the facts: the latest snapshot less later payments. */
function expectedOwed(facts: readonly Fact[]): number {
  const latest = facts
    .filter((fact): fact is Snapshot => fact.kind === 'snapshot')
    .reduce<Snapshot | null>((best, s) => (best === null || s.sequence > best.sequence ? s : best), null);
  if (latest === null) return 0;
  const since = T0 + latest.day * DAY + latest.minute * 60_000;
  const paid = facts
    .filter((fact): fact is Payment => fact.kind === 'payment')
    .filter((p) => p.currency === 'CNY' && T0 + p.day * DAY + p.minute * 60_000 > since)
    .reduce((sum, p) => sum + p.amount, 0);
  return Math.max(0, latest.principal + latest.interest + latest.fees - paid);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const DATE_TIME_KEYS = new Set(['asOf', 'at', 'lastAt', 'preparedAt', 'createdAt']);

/** Every value under a date-time key, anywhere in the document, with its path. */
function dateTimes(value: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => dateTimes(item, `${path}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(DATE_TIME_KEYS.has(key) && inner !== null ? [[`${path}/${key}`, inner] as [string, unknown]] : []),
    ...dateTimes(inner, `${path}/${key}`),
  ]);
}

interface Money {
  amountMinor: number;
  currency: string;
}
interface DossierOverdue {
  asOf: string;
  dpd: number;
  total: Money;
  reported: { total: Money } | null;
  paidSinceReported: { total: Money };
}

let runs = 0;

describe('the dossier agrees with the case', () => {
  it('over random intake streams: same arrears and DPD as the case, as of a valid instant', async () => {
    await fc.assert(
      fc.asyncProperty(streamArb, async ({ facts, requests }) => {
        const ref = `dp${runs++}`;
        const events = facts.map((fact, i) => intakeEvent(fact, ref, i));
        const size = Math.ceil(events.length / requests);
        for (let i = 0; i < events.length; i += size) {
          const response = await signedFetch('/v1/intake/events', {
            tenantId: f.tenantId,
            secrets: [secret],
            body: JSON.stringify(events.slice(i, i + size)),
          });
          expect(response.status).toBe(200);
        }
        const caseIds = (
          await env.DB.prepare(
            `SELECT k.id FROM cases k JOIN accounts a ON a.id = k.account_id
             WHERE k.tenant_id = ? AND a.external_ref = ? ORDER BY k.opened_at`,
          )
            .bind(f.tenantId, `A-${ref}`)
            .all<{ id: string }>()
        ).results.map((row) => row.id);

        for (const [i, caseId] of caseIds.entries()) {
          const kase = await (await call(f.keys.admin, 'GET', `/v1/cases/${caseId}`)).json<{
            dpd: number;
            overdue: Money;
            endedAt: string | null;
          }>();
          const response = await call(f.keys.admin, 'GET', `/v1/cases/${caseId}/dossier`);
          expect(response.status).toBe(200);
          const { dossier } = await response.json<{ dossier: { overdue: DossierOverdue } }>();
          const { overdue } = dossier;
          expect(overdue.total).toEqual(kase.overdue);
          expect(overdue.dpd).toBe(kase.dpd);
          for (const [path, value] of dateTimes(dossier))
            expect({ path, value }).toMatchObject({ value: expect.stringMatching(INSTANT) });

          const followsAccount = i === caseIds.length - 1 || kase.endedAt === null;
          if (followsAccount && overdue.reported !== null) {
            expect(overdue.total.amountMinor).toBe(expectedOwed(facts));
            expect(overdue.total.amountMinor).toBe(
              Math.max(0, overdue.reported.total.amountMinor - overdue.paidSinceReported.total.amountMinor),
            );
          }
        }
      }),
      {
        numRuns: 25,
        examples: [
          // Found by a run: closed, then a delinquent report (no case follows it), then a late older one
          // that intake records as an episode already over. The dossier must say what that case says.
          [
            {
              facts: [
                {
                  kind: 'snapshot',
                  sequence: 2,
                  day: 17,
                  minute: 615,
                  dpd: 0,
                  principal: 0,
                  interest: 0,
                  fees: 0,
                },
                {
                  kind: 'snapshot',
                  sequence: 3,
                  day: 38,
                  minute: 245,
                  dpd: 0,
                  principal: 0,
                  interest: 0,
                  fees: 0,
                },
                { kind: 'closure', day: 52 },
                {
                  kind: 'snapshot',
                  sequence: 4,
                  day: 54,
                  minute: 928,
                  dpd: 108,
                  principal: 310496,
                  interest: 3496,
                  fees: 153,
                },
                {
                  kind: 'snapshot',
                  sequence: 1,
                  day: 4,
                  minute: 858,
                  dpd: 108,
                  principal: 434085,
                  interest: 21614,
                  fees: 1752,
                },
              ],
              requests: 3,
            },
          ],
        ],
      },
    );
  });
});
