import {
  findLesson,
  isJurisdiction,
  type Jurisdiction,
  type Lesson,
  lessonFingerprint,
} from '@doorstep/education';

/**
 * Stores a lesson version as it is served, once per tenant: the catalogue in code moves on, the stored
 * text stays what the customers of that version read.
 */
export function snapshotStatement(d1: D1Database, tenantId: string, lesson: Lesson, now: number) {
  return d1
    .prepare(
      `INSERT INTO lesson_versions (tenant_id, lesson_id, version, fingerprint, content, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .bind(tenantId, lesson.id, lesson.version, lessonFingerprint(lesson), JSON.stringify(lesson.text), now);
}

/**
 * The text of a version as its customers saw it. Every assignment stores its version's snapshot when
 * it is made; a version not stored yet (an assignment migrated from before lessons had content) is
 * the catalogue's if the numbers match, and is stored the first time it is served.
 */
export async function lessonAsShown(
  d1: D1Database,
  tenantId: string,
  lessonId: string,
  version: number,
  now: number,
): Promise<Lesson | null> {
  const row = await d1
    .prepare(`SELECT content FROM lesson_versions WHERE tenant_id = ? AND lesson_id = ? AND version = ?`)
    .bind(tenantId, lessonId, version)
    .first<{ content: string }>();
  if (row) return { id: lessonId as Lesson['id'], version, text: JSON.parse(row.content) as Lesson['text'] };
  const current = findLesson(lessonId);
  if (current?.version !== version) return null;
  await snapshotStatement(d1, tenantId, current, now).run();
  return current;
}

export interface EducationTenant {
  jurisdiction: Jurisdiction;
  timeZone: string;
}

export async function educationTenant(d1: D1Database, tenantId: string): Promise<EducationTenant> {
  const row = await d1
    .prepare('SELECT jurisdiction, time_zone FROM tenants WHERE id = ?')
    .bind(tenantId)
    .first<{ jurisdiction: string; time_zone: string }>();
  if (!row) throw new Error(`tenant ${tenantId} of an authenticated key has no row`);
  if (!isJurisdiction(row.jurisdiction))
    throw new Error(`tenant ${tenantId}: lessons have no sections for jurisdiction ${row.jurisdiction}`);
  return { jurisdiction: row.jurisdiction, timeZone: row.time_zone };
}
