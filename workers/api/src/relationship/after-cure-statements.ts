import type { RelationshipPlan } from '@doorstep/core';
import type { RuntimePorts } from '../ports/runtime';

export interface SeenCure {
  tenantId: string;
  caseId: string;
  customerId: string;
  curedAt: number;
}

/**
 * The writes for one cure the sweep has seen, for one batch: the plan's contacts as follow-up timers of
 * the cured case (payload: consent mode, months, lesson), a system audit row, and the cure's
 * `after_cure_relationships` row last. Timers and audit are guarded on the case still being cured and
 * the row not yet written, so two overlapping sweeps plan a cure once.
 */
export function afterCureStatements(
  db: D1Database,
  ports: RuntimePorts,
  cure: SeenCure,
  planned: { plan: RelationshipPlan; policy: string } | null,
  now: number,
): D1PreparedStatement[] {
  const { tenantId, caseId } = cure;
  const guard = `EXISTS (SELECT 1 FROM cases WHERE tenant_id = ? AND id = ? AND status = 'cured')
    AND NOT EXISTS (SELECT 1 FROM after_cure_relationships WHERE tenant_id = ? AND case_id = ?)`;
  const guardBinds = [tenantId, caseId, tenantId, caseId];
  const plan = planned?.plan ?? null;
  const statements: D1PreparedStatement[] = (plan?.contacts ?? []).map((contact) => {
    const kind = contact.kind === 'check_in' ? 'after_cure_check_in' : 'after_cure_lesson';
    const payload = {
      consent: plan!.consent,
      monthsAfterCure: contact.monthsAfterCure,
      ...(contact.lessonId === null ? {} : { educationTopic: contact.lessonId }),
    };
    return db
      .prepare(
        `INSERT INTO follow_up_timers
           (id, tenant_id, case_id, kind, due_at, state, attempts, idempotency_key, payload, reason, created_at, updated_at)
         SELECT ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ? WHERE ${guard}
         ON CONFLICT (tenant_id, idempotency_key) DO NOTHING`,
      )
      .bind(
        ports.newId('fu'),
        tenantId,
        caseId,
        kind,
        Date.parse(contact.dueAt),
        `${caseId}:${kind}:${contact.monthsAfterCure}`,
        JSON.stringify(payload),
        JSON.stringify(contact.reason),
        now,
        now,
        ...guardBinds,
      );
  });
  const reasons = plan?.reasons ?? [];
  statements.push(
    db
      .prepare(
        `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, reason, data)
         SELECT ?, ?, ?, NULL, 'system', 'relationship.planned', 'case', ?, ?, ? WHERE ${guard}`,
      )
      .bind(
        ports.newId('aud'),
        tenantId,
        now,
        caseId,
        planned === null
          ? 'No relationship policy: no contact after the cure'
          : reasons.map((r) => r.message).join('; '),
        JSON.stringify({
          policy: planned?.policy ?? null,
          contacts: (plan?.contacts ?? []).map((c) => ({
            kind: c.kind,
            dueAt: c.dueAt,
            lessonId: c.lessonId,
          })),
          experiment: plan?.experiment ?? null,
          reasons,
        }),
        ...guardBinds,
      ),
    db
      .prepare(
        `INSERT INTO after_cure_relationships
           (tenant_id, case_id, customer_id, cured_at, policy, consent, experiment_id, arm, draw, reasons, planned_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
         WHERE EXISTS (SELECT 1 FROM cases WHERE tenant_id = ? AND id = ? AND status = 'cured')
         ON CONFLICT (tenant_id, case_id) DO NOTHING`,
      )
      .bind(
        tenantId,
        caseId,
        cure.customerId,
        cure.curedAt,
        planned?.policy ?? null,
        plan?.consent ?? null,
        plan?.experiment?.id ?? null,
        plan?.experiment?.arm ?? null,
        plan?.experiment?.draw ?? null,
        JSON.stringify(reasons),
        now,
        tenantId,
        caseId,
      ),
  );
  return statements;
}
