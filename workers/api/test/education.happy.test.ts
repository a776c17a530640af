/**
 * Lessons delivered to partner apps: offered in the customer's language, read section by section,
 * checked by a quiz, every step recorded and audited, and served in the version the customer was
 * assigned even after the catalogue moves on. A lesson is a contact: cease-contact and an opt-out stop it.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { insertRows } from './follow-ups.fixtures';

let f: FixtureTenant;

interface Assignment {
  id: string;
  lessonId: string;
  lessonVersion: number;
  language: string;
  status: string;
  sectionsRead: string[];
  quiz: { correct: number; total: number } | null;
  lesson: { version: number; language: string; title: string; sections: { id: string }[]; quiz: unknown[] };
}

const auditActions = async (subjectId: string) =>
  (
    await env.DB.prepare(
      `SELECT action, actor_role FROM audit_log WHERE tenant_id = ? AND subject_id = ? ORDER BY at, id`,
    )
      .bind(f.tenantId, subjectId)
      .all<{ action: string; actor_role: string }>()
  ).results;

const eventsOf = async (type: string) =>
  (
    await env.DB.prepare(`SELECT data FROM outbound_events WHERE tenant_id = ? AND type = ?`)
      .bind(f.tenantId, type)
      .all<{ data: string }>()
  ).results.map((row) => JSON.parse(row.data) as Record<string, unknown>);

const setCustomer = (customerId: string, changes: { language?: string; flags?: object }) =>
  env.DB.prepare(
    `UPDATE customers SET language = COALESCE(?, language), flags = COALESCE(?, flags) WHERE id = ?`,
  )
    .bind(changes.language ?? null, changes.flags ? JSON.stringify(changes.flags) : null, customerId)
    .run();

const assign = (customerId: string, caseId: string, lessonId = 'budgeting', key = f.keys.agent) =>
  call(key, 'POST', `/v1/customers/${customerId}/lessons`, { body: { lessonId, caseId } });

beforeAll(async () => {
  f = await createFixtureTenant('edu');
});

describe('the lesson catalogue over the API', () => {
  it('lists every lesson titled in the tenant pack’s language and serves one in the language asked', async () => {
    const listed = await (await call(f.keys.analyst, 'GET', '/v1/lessons')).json<{
      items: { lessonId: string; title: string }[];
    }>();
    expect(listed.items).toHaveLength(9);
    expect(listed.items.find((l) => l.lessonId === 'budgeting')?.title).toBe('收入不固定时如何做预算');
    const english = await (
      await call(f.keys.analyst, 'GET', '/v1/lessons/hardship_support?language=en&jurisdiction=uk')
    ).json<{
      language: string;
      sections: { id: string }[];
      quiz: Record<string, unknown>[];
    }>();
    expect(english.language).toBe('en');
    expect(english.sections.map((s) => s.id)).toEqual(['options', 'asking', 'fair-treatment', 'rights-uk']);
    expect(english.quiz[0]).not.toHaveProperty('answer');
    expect((await call(f.keys.analyst, 'GET', '/v1/lessons/astrology')).status).toBe(422);
  });
});

describe('a lesson delivered to a customer', () => {
  let assignment: Assignment;

  it('is assigned in the customer’s own language, announced and audited', async () => {
    await setCustomer(f.customerA, { language: 'en-GB' });
    const response = await assign(f.customerA, f.caseA);
    expect(response.status).toBe(201);
    const body = await response.json<Assignment>();
    expect(body).toMatchObject({
      lessonId: 'budgeting',
      lessonVersion: 1,
      language: 'en',
      status: 'assigned',
    });
    assignment = await (
      await call(f.keys.agent, 'GET', `/v1/lesson-assignments/${body.id}`)
    ).json<Assignment>();
    expect(assignment.lesson).toMatchObject({
      version: 1,
      language: 'en',
      title: 'Budgeting when your income changes from month to month',
    });
    expect(await eventsOf('education.assigned')).toEqual([
      expect.objectContaining({
        assignmentId: body.id,
        lessonId: 'budgeting',
        language: 'en',
        lessonVersion: 1,
      }),
    ]);
    expect(await auditActions(f.customerA)).toContainEqual({
      action: 'lesson.assigned',
      actor_role: 'agent',
    });
    // Offered again (another agent, another day): the same assignment, nothing written twice.
    const again = await assign(f.customerA, f.caseA, 'budgeting', f.keys.supervisor);
    expect(again.status).toBe(200);
    expect((await again.json<Assignment>()).id).toBe(body.id);
    expect(await eventsOf('education.assigned')).toHaveLength(1);
  });

  it('records each section read once, starting the lesson, each audited', async () => {
    const path = `/v1/lesson-assignments/${assignment.id}/progress`;
    const first = await (
      await call(f.keys.agent, 'POST', path, { body: { sectionId: 'floor-income' } })
    ).json<Assignment>();
    expect(first).toMatchObject({ status: 'started', sectionsRead: ['floor-income'] });
    await call(f.keys.agent, 'POST', path, { body: { sectionId: 'floor-income' } });
    const second = await (
      await call(f.keys.agent, 'POST', path, { body: { sectionId: 'buffer' } })
    ).json<Assignment>();
    expect(second.sectionsRead).toEqual(['floor-income', 'buffer']);
    expect((await call(f.keys.agent, 'POST', path, { body: { sectionId: 'rights-uk' } })).status).toBe(422);
    const actions = (await auditActions(assignment.id)).map((a) => a.action);
    expect(actions).toEqual(['lesson.section-read', 'lesson.section-read']);
  });

  it('scores the quiz against the version shown, completes once, audits and announces it', async () => {
    const path = `/v1/lesson-assignments/${assignment.id}/quiz`;
    const incomplete = await call(f.keys.agent, 'POST', path, {
      body: { answers: [{ questionId: 'q1', choice: 1 }] },
    });
    expect(incomplete.status).toBe(422);
    const answers = [
      { questionId: 'q1', choice: 1 },
      { questionId: 'q2', choice: 0 },
      { questionId: 'q3', choice: 0 },
    ];
    const scored = await call(f.keys.agent, 'POST', path, { body: { answers } });
    expect(scored.status).toBe(200);
    expect(await scored.json<Assignment>()).toMatchObject({
      status: 'completed',
      quiz: { correct: 2, total: 3 },
    });
    expect((await call(f.keys.agent, 'POST', path, { body: { answers } })).status).toBe(409);
    const row = await env.DB.prepare('SELECT quiz_answers, quiz_correct FROM lesson_assignments WHERE id = ?')
      .bind(assignment.id)
      .first<{ quiz_answers: string; quiz_correct: number }>();
    expect(JSON.parse(row!.quiz_answers)).toEqual([
      { questionId: 'q1', choice: 1, correct: true },
      { questionId: 'q2', choice: 0, correct: true },
      { questionId: 'q3', choice: 0, correct: false },
    ]);
    expect((await auditActions(assignment.id)).at(-1)).toEqual({
      action: 'lesson.completed',
      actor_role: 'agent',
    });
    expect(await eventsOf('education.completed')).toEqual([
      expect.objectContaining({ assignmentId: assignment.id, quizCorrect: 2, quizTotal: 3 }),
    ]);
  });

  it('serves the version the customer was assigned, whatever the catalogue holds now', async () => {
    // A version no longer in the catalogue (version 0 of fraud_awareness), as another lesson's stored text retitled.
    const content = await env.DB.prepare(
      `SELECT content FROM lesson_versions WHERE tenant_id = ? AND lesson_id = 'budgeting' AND version = 1`,
    )
      .bind(f.tenantId)
      .first<{ content: string }>();
    const text = JSON.parse(content!.content);
    text.en.title = 'Protecting yourself from fraud (the 2025 text)';
    await env.DB.batch([
      ...insertRows(env.DB, 'lesson_versions', [
        {
          tenant_id: f.tenantId,
          lesson_id: 'fraud_awareness',
          version: 0,
          fingerprint: 'x',
          content: JSON.stringify(text),
          created_at: 0,
        },
      ]),
      ...insertRows(env.DB, 'lesson_assignments', [
        {
          id: 'edu_edu_old',
          tenant_id: f.tenantId,
          customer_id: f.customerA,
          case_id: f.caseA,
          lesson_id: 'fraud_awareness',
          lesson_version: 0,
          language: 'en',
          jurisdiction: 'cn',
          source: 'agent',
          source_id: 'key',
          assigned_at: 1,
          local_date: '2025-01-01',
        },
      ]),
    ]);
    const shown = await (
      await call(f.keys.agent, 'GET', '/v1/lesson-assignments/edu_edu_old')
    ).json<Assignment>();
    expect(shown.lesson).toMatchObject({
      version: 0,
      title: 'Protecting yourself from fraud (the 2025 text)',
    });
    const listed = await (
      await call(f.keys.analyst, 'GET', `/v1/customers/${f.customerA}/lessons?limit=1`)
    ).json<{
      items: Assignment[];
      nextCursor: string | null;
    }>();
    expect(listed.items.map((a) => a.id)).toEqual([assignment.id]);
    const rest = await (
      await call(f.keys.analyst, 'GET', `/v1/customers/${f.customerA}/lessons?cursor=${listed.nextCursor}`)
    ).json<{ items: Assignment[] }>();
    expect(rest.items.map((a) => a.id)).toEqual(['edu_edu_old']);
  });
});

describe('a lesson is a contact', () => {
  it('gives a cease-contact customer no lesson, no event and no audit of an assignment', async () => {
    await setCustomer(f.customerB, { flags: { ceaseContact: true } });
    const refused = await assign(f.customerB, f.caseB, 'fraud_awareness', f.keys.supervisor);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      code: 'CONTACT.REFUSED',
      reasons: [{ rule: 'cease-contact', code: 'customer.cease-contact' }],
    });
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM lesson_assignments WHERE customer_id = ?')
      .bind(f.customerB)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
    expect((await eventsOf('education.assigned')).filter((e) => e.caseId === f.caseB)).toEqual([]);
  });

  it('honours the latest opt-out, and a late-arriving older statement does not undo it', async () => {
    await setCustomer(f.customerB, { flags: {} });
    const path = `/v1/customers/${f.customerB}/relationship-preference`;
    const out = await call(f.keys.agent2, 'PUT', path, {
      body: { choice: 'opted_out', channel: 'visit', statedAt: '2026-11-02T03:00:00.000Z' },
    });
    expect(await out.json()).toMatchObject({ choice: 'opted_out', channel: 'visit' });
    const older = await call(f.keys.supervisor, 'PUT', path, {
      body: { choice: 'opted_in', channel: 'app', statedAt: '2026-11-01T03:00:00.000Z' },
    });
    expect(await older.json()).toMatchObject({ choice: 'opted_out', statedAt: '2026-11-02T03:00:00.000Z' });
    const refused = await assign(f.customerB, f.caseB, 'fraud_awareness', f.keys.supervisor);
    expect(await refused.json()).toMatchObject({
      code: 'CONTACT.REFUSED',
      reasons: [{ code: 'consent.opted-out' }],
    });
    expect((await auditActions(f.customerB)).map((a) => a.action)).toEqual(['relationship.opted-out']);
  });
});
