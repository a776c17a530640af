/**
 * The re-default KPI in D1 against `@doorstep/evaluation`'s reference, on random portfolios: customers
 * whose accounts go through delinquency episodes that cure, close or stay open, in zones with and
 * without daylight saving, judged at random report instants. Both must agree group by group.
 */
import { env } from 'cloudflare:test';
import { addDays, localDateAt, startOfLocalDay } from '@doorstep/core';
import {
  aggregateReDefault,
  type CaseOpening,
  type CuredCase,
  type GroupKey,
  type KpiTable,
  RE_DEFAULT_WINDOWS,
  reDefaultOutcomes,
  reDefaultRate3m,
  reDefaultRate6m,
  reDefaultRateOf,
  tabulate,
} from '@doorstep/evaluation';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kpiReport } from '../src/reports/kpi-report';
import type { ReportWindow } from '../src/reports/kpi-sql';
import { offsetSegments } from '../src/reports/local-date-sql';
import { builtRollups } from '../src/reports/rollups/source';

const DAY = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00Z');
const ZONES = ['Asia/Shanghai', 'Europe/London', 'America/New_York'] as const;

interface Episode {
  caseId: string;
  customerId: string;
  regionId: string | null;
  agencyId: string | null;
  openedAt: number;
  endedAt: number | null;
  status: 'cured' | 'closed' | 'in_follow_up';
}

/** A customer's episodes on 1–2 accounts: each opens some time after the last ended; a cure may be re-defaulted. */
const customerArb = fc.record({
  region: fc.constantFrom('reg_n', 'reg_s', null),
  agency: fc.constantFrom('agy_1', 'agy_2', null),
  episodes: fc.array(
    fc.record({
      // Gaps are sometimes exactly 90 or 180 days, to the millisecond, so the window edges are tested.
      gapMs: fc.oneof(
        fc.integer({ min: 1, max: 400 * DAY }),
        fc.constantFrom(90 * DAY, 90 * DAY + 1, 180 * DAY, 180 * DAY + 1),
      ),
      lengthMs: fc.integer({ min: 3_600_000, max: 120 * DAY }),
      end: fc.constantFrom('cured', 'cured', 'cured', 'closed', 'open'),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

type Customer = ReturnType<typeof customerArb.generate>['value'];

const portfolioArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  customers: fc.array(customerArb, { minLength: 1, maxLength: 14 }),
  fromDay: fc.integer({ min: 0, max: 500 }),
  lengthDays: fc.integer({ min: 0, max: 400 }),
  asOfAfterDays: fc.integer({ min: -30, max: 400 }),
});

function episodesOf(run: number, customers: readonly Customer[]) {
  const episodes: Episode[] = [];
  customers.forEach((customer, c) => {
    const customerId = `cus_rd${run}_${c}`;
    let at = T0;
    customer.episodes.forEach((episode, e) => {
      const openedAt = at + episode.gapMs;
      const ended = episode.end === 'open' ? null : openedAt + episode.lengthMs;
      episodes.push({
        caseId: `case_rd${run}_${c}_${e}`,
        customerId,
        regionId: customer.region,
        agencyId: customer.agency,
        openedAt,
        endedAt: ended,
        status: episode.end === 'open' ? 'in_follow_up' : episode.end === 'cured' ? 'cured' : 'closed',
      });
      // An open episode runs on; the next starts on the customer's other account.
      at = ended ?? openedAt;
    });
  });
  return episodes;
}

async function load(tenantId: string, episodes: readonly Episode[]) {
  const statements = episodes.map((e) =>
    env.DB.prepare(
      `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, region_id, agency_id, opened_at, ended_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'M1', 10, 1, 1, 'CNY', ?, ?, ?, ?, 0)`,
    ).bind(
      e.caseId,
      tenantId,
      e.customerId,
      `acc_${e.caseId}`,
      e.status,
      e.regionId,
      e.agencyId,
      e.openedAt,
      e.endedAt,
    ),
  );
  for (let i = 0; i < statements.length; i += 100) await env.DB.batch(statements.slice(i, i + 100));
}

const rows = (table: KpiTable) =>
  table.rows.map((row) => ({
    group: row.group,
    numerator: row.result.numerator,
    denominator: row.result.denominator,
  }));

let run = 0;

describe('local dates of instants in SQL', () => {
  it('splits a year of London time at its two clock changes, to the second', () => {
    const from = Date.parse('2026-01-01T00:00:00Z');
    expect(offsetSegments('Europe/London', from, Date.parse('2027-01-01T00:00:00Z'))).toEqual([
      { fromMs: from, offsetMs: 0 },
      { fromMs: Date.parse('2026-03-29T01:00:00Z'), offsetMs: 3_600_000 },
      { fromMs: Date.parse('2026-10-25T01:00:00Z'), offsetMs: 0 },
    ]);
    expect(offsetSegments('Asia/Shanghai', from, from + 400 * DAY)).toEqual([
      { fromMs: from, offsetMs: 8 * 3_600_000 },
    ]);
  });
});

describe('re-default rate in D1', () => {
  it('matches the in-memory reference on random portfolios, for 3 and 6 months and every grouping', async () => {
    await fc.assert(
      fc.asyncProperty(portfolioArb, async (portfolio) => {
        run += 1;
        const tenantId = `ten_rd${run}`;
        const episodes = episodesOf(run, portfolio.customers);
        await load(tenantId, episodes);
        const { zone } = portfolio;
        const from = addDays('2025-01-01', portfolio.fromDay);
        const to = addDays(from, portfolio.lengthDays);
        const toEndMs = Date.parse(startOfLocalDay(addDays(to, 1), zone));
        const window: ReportWindow = { from, to, fromEndMs: 0, toEndMs, period: 'month' };
        const asOfMs = toEndMs + portfolio.asOfAfterDays * DAY;

        const cures: CuredCase[] = episodes
          .filter((e) => e.status === 'cured')
          .map((e) => ({
            caseId: e.caseId,
            customerId: e.customerId,
            curedAt: e.endedAt!,
            curedOn: localDateAt(new Date(e.endedAt!).toISOString(), zone),
            regionId: e.regionId,
            agencyId: e.agencyId,
          }));
        const openings: CaseOpening[] = episodes.map((e) => ({
          customerId: e.customerId,
          openedAt: e.openedAt,
        }));

        for (const [kpi, days] of [
          [reDefaultRate3m, RE_DEFAULT_WINDOWS['3m']],
          [reDefaultRate6m, RE_DEFAULT_WINDOWS['6m']],
        ] as const) {
          // Only cures followed for the whole window form groups: a group of young cures has no row in D1.
          const observed = reDefaultOutcomes({ cures, openings, from, to, days, asOfMs }).filter(
            (o) => o.observed,
          );
          const groupings: Partial<Record<GroupKey, (o: (typeof observed)[number]) => string>>[] = [
            {},
            { period: (o) => o.curedOn.slice(0, 7) },
            { region: (o) => o.regionId ?? '(none)', agency: (o) => o.agencyId ?? '(none)' },
          ];
          for (const groupBy of groupings) {
            const expected = tabulate({
              definition: kpi,
              facts: observed,
              groupBy,
              compute: (facts) => reDefaultRateOf(kpi, aggregateReDefault(facts)),
            });
            const { table: actual } = await kpiReport(env.DB, builtRollups(env.DB, tenantId), {
              tenantId,
              kpi: kpi.id,
              window,
              groupBy: Object.keys(groupBy) as GroupKey[],
              costPerVisitMinor: 0,
              timeZone: zone,
              asOfMs,
            });
            expect(rows(actual), `${kpi.id} by ${Object.keys(groupBy).join(',') || 'nothing'}`).toEqual(
              rows(expected),
            );
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
