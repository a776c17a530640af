import { CASE_TRANSITIONS, type CaseEventType, type CaseStatus } from '@doorstep/core';

/**
 * A case's move for `event`, by the core's state machine, as one statement guarded on the status it
 * moves from: if the case moved on since it was read, the statement changes nothing rather than
 * overwriting a newer status. Null when the machine does not move a case in `status` on `event`
 * (a revisit of a case already `planned`, say).
 */
export function caseTransitionStatement(
  d1: D1Database,
  tenantId: string,
  kase: { id: string; status: string },
  event: CaseEventType,
  now: number,
  /** A further condition of the move, its parameters numbered from ?6 (e.g. "the plan is still solving"). */
  alsoRequires?: { condition: string; params: readonly unknown[] },
): D1PreparedStatement | null {
  const to = CASE_TRANSITIONS[event][kase.status as CaseStatus];
  if (to === undefined) return null;
  return d1
    .prepare(
      `UPDATE cases SET status = ?1, version = version + 1, updated_at = ?2
       WHERE tenant_id = ?3 AND id = ?4 AND status = ?5${alsoRequires ? ` AND (${alsoRequires.condition})` : ''}`,
    )
    .bind(to, now, tenantId, kase.id, kase.status, ...(alsoRequires?.params ?? []));
}
