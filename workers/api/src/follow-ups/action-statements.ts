import type { Veto } from '@doorstep/core';
import type { TimerAction } from '@doorstep/follow-up-engine';
import { assignmentStatements } from '../education/assignments';
import type { RuntimePorts } from '../ports/runtime';
import { announceStatements } from '../webhooks/outbox';
import type { ClaimedTimer } from './facts';
import { bothGuards, claimGuard, type Guard, guardedInsertSelect, guardedUpdate } from './guard';

/** A veto as the audit trail and the timer's result keep it. */
export const vetoSummary = (vetoes: readonly Veto[]) =>
  vetoes.map(({ rule, code, data, message, overridable }) => ({ rule, code, data, message, overridable }));

export interface ActionWrite {
  statements: D1PreparedStatement[];
  /** Indexes of statements whose `RETURNING id` rows are new webhook deliveries to dispatch. */
  deliveryStatementIndexes: number[];
}

/**
 * The writes of one decided action, in one batch: a case transition first (guarded on the status the
 * decision saw), then the action's rows and its events (guarded on the claim, on the case now being
 * in the status the action leaves it in, and on the compliance facts judged still holding), and last
 * the timer's own `done`/`cancelled`/`suppressed` transition, whose `meta.changes` tells the caller
 * whether the whole batch took effect.
 */
export function actionStatements(
  db: D1Database,
  ports: RuntimePorts,
  timer: ClaimedTimer,
  caseStatus: string,
  action: TimerAction,
  now: number,
  factsHold: Guard,
  customer: { customerId: string; timeZone: string },
): ActionWrite {
  const statements: D1PreparedStatement[] = [];
  const deliveryStatementIndexes: number[] = [];
  const { tenantId, caseId } = timer;
  const caseChange =
    action.kind === 'escalate' || action.kind === 'settle_instalments' ? action.caseChange : null;
  if (caseChange !== null) {
    statements.push(
      guardedUpdate(
        db,
        `UPDATE cases SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND tenant_id = ? AND status = ?`,
        [caseChange.to, now, caseId, tenantId, caseChange.from],
        bothGuards(claimGuard(timer.id, timer.token, tenantId, caseId, caseChange.from), factsHold),
      ),
    );
  }
  const guard = bothGuards(
    claimGuard(timer.id, timer.token, tenantId, caseId, caseChange?.to ?? caseStatus),
    factsHold,
  );
  switch (action.kind) {
    case 'request_visit':
      statements.push(
        guardedInsertSelect(
          db,
          `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, status, created_at, updated_at)
           SELECT ?, ?, ?, ?, '[]', 'requested', ?, ?`,
          [ports.newId('vis'), tenantId, caseId, action.purpose, now, now],
          guard,
        ),
      );
      break;
    case 'settle_promise':
      statements.push(
        guardedUpdate(
          db,
          `UPDATE promises SET status = ?, paid = ?, checked_at = ? WHERE id = ? AND tenant_id = ? AND status = 'open'`,
          [action.status, action.paidMinor, now, action.promiseId, tenantId],
          guard,
        ),
      );
      break;
    case 'settle_instalments':
      for (const s of action.settled) {
        statements.push(
          guardedUpdate(
            db,
            `UPDATE instalments SET status = ?, paid = ? WHERE plan_id = ? AND seq = ? AND tenant_id = ? AND status = 'pending'`,
            [s.status, s.paidMinor, action.planId, s.sequence, tenantId],
            guard,
          ),
        );
      }
      if (action.planStatus !== 'accepted') {
        statements.push(
          guardedUpdate(
            db,
            `UPDATE repayment_plans SET status = ?, version = version + 1 WHERE id = ? AND tenant_id = ? AND status = 'accepted'`,
            [action.planStatus, action.planId, tenantId],
            guard,
          ),
          // A finished plan needs no more reminders or checks.
          guardedUpdate(
            db,
            `UPDATE follow_up_timers SET state = 'cancelled', updated_at = ?
             WHERE tenant_id = ? AND case_id = ? AND state IN ('pending', 'enqueued') AND id <> ?
               AND json_extract(payload, '$.planId') = ?`,
            [now, tenantId, caseId, timer.id, action.planId],
            guard,
          ),
        );
      }
      break;
    case 'assign_education': {
      const assignment = assignmentStatements(
        db,
        ports,
        {
          tenantId,
          customerId: customer.customerId,
          caseId,
          lesson: action.lesson,
          language: action.language,
          jurisdiction: action.jurisdiction,
          timeZone: customer.timeZone,
          source: action.source,
          sourceId: timer.id,
          eventSourceId: timer.id,
          now,
        },
        guard,
      );
      deliveryStatementIndexes.push(...assignment.deliveryStatementIndexes.map((i) => i + statements.length));
      statements.push(...assignment.statements);
      break;
    }
    case 'suppress':
      // What the barred action would have settled is closed, so no later timer takes it up again.
      if (action.cancelPromiseId !== null)
        statements.push(
          guardedUpdate(
            db,
            `UPDATE promises SET status = 'cancelled', checked_at = ? WHERE id = ? AND tenant_id = ? AND status = 'open'`,
            [now, action.cancelPromiseId, tenantId],
            guard,
          ),
        );
      if (action.suspendInstalments !== null)
        statements.push(
          guardedUpdate(
            db,
            `UPDATE instalments SET status = 'suspended' WHERE plan_id = ? AND tenant_id = ? AND status = 'pending'
               AND seq IN (SELECT value FROM json_each(?))`,
            [action.suspendInstalments.planId, tenantId, JSON.stringify(action.suspendInstalments.sequences)],
            guard,
          ),
        );
      break;
    case 'escalate':
    case 'remind_instalment':
    case 'request_restructure':
    case 'request_check_in_call':
    case 'send_check_in':
    case 'withhold_contact':
    case 'none':
      break;
  }
  const announced = announceStatements(db, ports, {
    tenantId,
    sourceId: timer.id,
    events: action.events,
    now,
    guard,
  });
  const offset = statements.length;
  statements.push(...announced.statements);
  deliveryStatementIndexes.push(...announced.deliveryStatementIndexes.map((i) => i + offset));
  if (action.kind !== 'none') {
    // What the follow-up engine did to a customer's case — or refused to do — is the system's
    // decision, audited like a person's.
    const suppressed = action.kind === 'suppress';
    statements.push(
      guardedInsertSelect(
        db,
        `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, reason, data)
         SELECT ?, ?, ?, NULL, 'system', ?, 'case', ?, ?, ?`,
        [
          ports.newId('aud'),
          tenantId,
          now,
          suppressed ? 'follow-up.suppressed' : `follow-up.${action.kind.replaceAll('_', '-')}`,
          caseId,
          action.reasons.map((reason) => reason.message).join('; '),
          JSON.stringify({
            timerId: timer.id,
            timerKind: timer.kind,
            reasons: action.reasons,
            ...(suppressed ? { rule: action.rule, vetoes: vetoSummary(action.vetoes) } : {}),
          }),
        ],
        guard,
      ),
    );
  }
  const result = JSON.stringify(
    action.kind === 'suppress'
      ? {
          action: 'suppressed',
          rule: action.rule,
          vetoes: vetoSummary(action.vetoes),
          reasons: action.reasons,
        }
      : { action: action.kind, reasons: action.reasons },
  );
  statements.push(
    db
      .prepare(
        `UPDATE follow_up_timers SET state = ?, result = ?, lease_until = NULL, updated_at = ?
         WHERE id = ? AND tenant_id = ? AND state = 'claimed' AND attempts = ?
           AND EXISTS (SELECT 1 FROM cases WHERE id = ? AND tenant_id = ? AND status = ?)
           AND ${factsHold.sql}`,
      )
      .bind(
        action.kind === 'none' || action.kind === 'suppress'
          ? action.timerState
          : action.kind === 'withhold_contact'
            ? 'cancelled'
            : 'done',
        result,
        now,
        timer.id,
        tenantId,
        timer.token,
        caseId,
        tenantId,
        caseChange?.to ?? caseStatus,
        ...factsHold.binds,
      ),
  );
  return { statements, deliveryStatementIndexes };
}
