/**
 * The education KPIs in D1 against `@doorstep/evaluation`'s reference over the same random lesson
 * assignments: assigned, started, completed and quiz answers, by period, lesson and language.
 */
import { env } from 'cloudflare:test';
import { addDays, startOfLocalDay } from '@doorstep/core';
import {
  aggregateEducation,
  educationCompletionRate,
  educationCompletionRateOf,
  educationQuizScore,
  educationQuizScoreOf,
  educationStartRate,
  educationStartRateOf,
  type GroupKey,
  type KpiTable,
  type LessonAssignmentRow,
  tabulate,
} from '@doorstep/evaluation';
import { seededRandom } from '@doorstep/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { kpiReport } from '../src/reports/kpi-report';
import type { ReportWindow } from '../src/reports/kpi-sql';
import { builtRollups } from '../src/reports/rollups/source';
import { call, createFixtureTenant } from './fixtures/tenant';
import { insertRows } from './follow-ups.fixtures';

const tenantId = 'ten_edukpi';
const zone = 'Europe/London';
const from = '2026-03-01';
const to = '2026-04-30';
const untilMs = Date.parse(startOfLocalDay(addDays(to, 1), zone));
const window: ReportWindow = { from, to, fromEndMs: 0, toEndMs: untilMs, period: 'month' };
const rows: LessonAssignmentRow[] = [];

beforeAll(async () => {
  const random = seededRandom(22).next;
  const lessons = ['budgeting', 'card_costs', 'fraud_awareness'];
  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < 300; i++) {
    const assignedOn = addDays('2026-02-20', Math.floor(random() * 80));
    const assignedAt = Date.parse(startOfLocalDay(assignedOn, zone)) + Math.floor(random() * 86_400_000);
    const startedAt = random() < 0.7 ? assignedAt + Math.floor(random() * 20 * 86_400_000) : null;
    const completedAt =
      startedAt !== null && random() < 0.6 ? startedAt + Math.floor(random() * 86_400_000) : null;
    const quizCorrect = completedAt === null ? null : Math.floor(random() * 4);
    const row: LessonAssignmentRow = {
      lessonId: lessons[i % lessons.length]!,
      language: random() < 0.5 ? 'en' : 'zh-CN',
      assignedOn,
      startedAt,
      completedAt,
      quizCorrect,
      quizTotal: completedAt === null ? null : 3,
    };
    rows.push(row);
    records.push({
      id: `edu_kpi_${i}`,
      tenant_id: tenantId,
      customer_id: `cus_kpi_${i}`,
      case_id: `case_kpi_${i}`,
      lesson_id: row.lessonId,
      lesson_version: 1,
      language: row.language,
      jurisdiction: 'uk',
      source: 'follow-up',
      source_id: 't',
      assigned_at: assignedAt,
      local_date: assignedOn,
      started_at: startedAt,
      completed_at: completedAt,
      quiz_correct: quizCorrect,
      quiz_total: row.quizTotal,
    });
  }
  await env.DB.batch(insertRows(env.DB, 'lesson_assignments', records));
});

const values = (table: KpiTable) =>
  table.rows.map((row) => ({
    group: row.group,
    numerator: row.result.numerator,
    denominator: row.result.denominator,
  }));

describe('education KPIs in D1', () => {
  const kpis = [
    [educationStartRate, educationStartRateOf],
    [educationCompletionRate, educationCompletionRateOf],
    [educationQuizScore, educationQuizScoreOf],
  ] as const;
  const groupings: Partial<Record<GroupKey, (row: LessonAssignmentRow) => string>>[] = [
    {},
    { lesson: (row) => row.lessonId, language: (row) => row.language },
    { period: (row) => row.assignedOn.slice(0, 7) },
  ];

  it.each(kpis.map(([kpi, finish]) => [kpi.id, kpi, finish] as const))(
    '%s matches the reference by nothing, by lesson and language, and by period',
    async (_id, kpi, finish) => {
      const inWindow = rows.filter((row) => row.assignedOn >= from && row.assignedOn <= to);
      for (const groupBy of groupings) {
        const expected = tabulate({
          definition: kpi,
          facts: inWindow,
          groupBy,
          compute: (facts) => finish(aggregateEducation(facts, { from, to, untilMs })),
        });
        const { table: actual } = await kpiReport(env.DB, builtRollups(env.DB, tenantId), {
          tenantId,
          kpi: kpi.id,
          window,
          groupBy: Object.keys(groupBy) as GroupKey[],
          costPerVisitMinor: 0,
          timeZone: zone,
          asOfMs: untilMs,
        });
        expect(values(actual)).toEqual(values(expected));
        expect(values(actual).length).toBeGreaterThan(0);
      }
    },
  );
});

describe('education and re-default KPIs over HTTP', () => {
  it('reports them by lesson and language, and refuses a breakdown they do not have', async () => {
    const f = await createFixtureTenant('edukpi');
    const ok = await call(
      f.keys.analyst,
      'GET',
      '/v1/reports/kpis/education.completion-rate?from=2026-01-01&to=2026-12-31&groupBy=lesson,language',
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      definitionId: 'education.completion-rate',
      groupBy: ['lesson', 'language'],
    });
    const wrong = await call(
      f.keys.analyst,
      'GET',
      '/v1/reports/kpis/education.quiz-score?from=2026-01-01&to=2026-12-31&groupBy=region',
    );
    expect(wrong.status).toBe(422);
    const redefault = await call(
      f.keys.analyst,
      'GET',
      '/v1/reports/kpis/re-default-rate.6m?from=2026-01-01&to=2026-03-31&groupBy=period',
    );
    expect(redefault.status).toBe(200);
  });
});
