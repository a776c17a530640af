import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { visitNotices } from '../db/schema';

export type VisitNoticeRow = typeof visitNotices.$inferSelect;

/** The notice that counts for a visit: the one given last (a moved visit is announced again). */
export function latestNotice(db: Database, tenantId: string, visitId: string) {
  return db
    .select()
    .from(visitNotices)
    .where(and(eq(visitNotices.tenantId, tenantId), eq(visitNotices.visitId, visitId)))
    .orderBy(desc(visitNotices.givenAt), desc(visitNotices.createdAt))
    .get();
}
