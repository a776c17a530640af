import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { accessMembers } from '../db/schema';

/** The active membership of a verified Access identity (e-mail lower-cased), or undefined. */
export function findAccessMember(db: Database, email: string) {
  return db
    .select()
    .from(accessMembers)
    .where(and(eq(accessMembers.email, email), isNull(accessMembers.revokedAt)))
    .get();
}
