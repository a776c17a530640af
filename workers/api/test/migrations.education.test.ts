/**
 * Migration 0033 moves the modules assigned before lessons had content into `lesson_assignments`: the
 * same lesson id at version 1, in the customer's language (else the pack's), completion kept, one per
 * customer. Its SQL runs here against a recreated legacy table, exactly as D1 would run it.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, createFixtureTenant } from './fixtures/tenant';

describe('migration 0033_education_assignments_to_lessons', () => {
  it('keeps every legacy assignment as a version-1 lesson, readable through the API', async () => {
    const f = await createFixtureTenant('legacyedu');
    const db = env.DB;
    await db.batch([
      db.prepare(`UPDATE customers SET language = 'en' WHERE id = ?`).bind(f.customerB),
      db.prepare(
        `CREATE TABLE education_assignments (tenant_id text NOT NULL, case_id text NOT NULL, module_id text NOT NULL,
           assigned_at integer NOT NULL, completed_at integer, PRIMARY KEY (tenant_id, case_id, module_id))`,
      ),
      db
        .prepare(
          `INSERT INTO education_assignments VALUES (?1, ?2, 'budgeting', 1000, 2000), (?1, ?2, 'hardship_support', 3000, NULL),
             (?1, ?3, 'budgeting', 4000, NULL)`,
        )
        .bind(f.tenantId, f.caseA, f.caseB),
    ]);
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0033_'));
    if (!migration) throw new Error('migration 0033 not found');
    for (const query of migration.queries) await db.prepare(query).run();

    const rows = await db
      .prepare(
        `SELECT customer_id, lesson_id, lesson_version, language, completed_at FROM lesson_assignments WHERE tenant_id = ? ORDER BY assigned_at`,
      )
      .bind(f.tenantId)
      .all();
    expect(rows.results).toEqual([
      {
        customer_id: f.customerA,
        lesson_id: 'budgeting',
        lesson_version: 1,
        language: 'zh-CN',
        completed_at: 2000,
      },
      {
        customer_id: f.customerA,
        lesson_id: 'hardship_support',
        lesson_version: 1,
        language: 'zh-CN',
        completed_at: null,
      },
      {
        customer_id: f.customerB,
        lesson_id: 'budgeting',
        lesson_version: 1,
        language: 'en',
        completed_at: null,
      },
    ]);
    const gone = await db
      .prepare(`SELECT name FROM sqlite_master WHERE name = 'education_assignments'`)
      .all();
    expect(gone.results).toEqual([]);
    // Version 1's text is stored the first time the lesson is read.
    const listed = await (await call(f.keys.agent, 'GET', `/v1/customers/${f.customerA}/lessons`)).json<{
      items: { id: string; status: string }[];
    }>();
    expect(listed.items.map((i) => i.status)).toEqual(['assigned', 'completed']);
    const read = await call(f.keys.agent, 'GET', `/v1/lesson-assignments/${listed.items[1]!.id}`);
    expect(await read.json()).toMatchObject({
      lesson: { lessonId: 'budgeting', version: 1, language: 'zh-CN' },
    });
    const stored = await db
      .prepare(`SELECT version FROM lesson_versions WHERE tenant_id = ? AND lesson_id = 'budgeting'`)
      .bind(f.tenantId)
      .all();
    expect(stored.results).toEqual([{ version: 1 }]);
  });
});
