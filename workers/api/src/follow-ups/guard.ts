/**
 * A condition every write of an action carries, so that the writes happen only while this consumer
 * still holds its claim and the case is still what the decision saw. D1 has no interactive
 * transactions; a batch is atomic, and a guard turns "someone else got there first" into 0 changes.
 */
export interface Guard {
  sql: string;
  binds: unknown[];
}

export const claimGuard = (
  timerId: string,
  token: number,
  tenantId: string,
  caseId: string,
  caseStatus: string,
): Guard => ({
  sql: `EXISTS (SELECT 1 FROM follow_up_timers WHERE id = ? AND tenant_id = ? AND state = 'claimed' AND attempts = ?)
        AND EXISTS (SELECT 1 FROM cases WHERE id = ? AND tenant_id = ? AND status = ?)`,
  binds: [timerId, tenantId, token, caseId, tenantId, caseStatus],
});

/** `INSERT … SELECT <values>` guarded: the row is written only when the guard holds. */
export const guardedInsertSelect = (
  db: D1Database,
  sql: string,
  binds: unknown[],
  guard: Guard,
  suffix = '',
) => db.prepare(`${sql} WHERE ${guard.sql} ${suffix}`).bind(...binds, ...guard.binds);

/** `UPDATE … WHERE <conditions>` guarded. */
export const guardedUpdate = (db: D1Database, sql: string, binds: unknown[], guard: Guard) =>
  db.prepare(`${sql} AND ${guard.sql}`).bind(...binds, ...guard.binds);

/** Both guards: a write that needs the claim and the compliance facts to hold. */
export const bothGuards = (a: Guard, b: Guard): Guard => ({
  sql: `${a.sql} AND ${b.sql}`,
  binds: [...a.binds, ...b.binds],
});
