import type { OutboundEvent } from '@doorstep/follow-up-engine';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env';
import { ApiError } from '../http/error-codes';
import { type AuditEntry, audited, versionHolds, type Write } from '../repositories/audit';
import { bumpVisit, type VisitRow } from '../repositories/visits';
import { announceStatements, dispatchDeliveries } from '../webhooks/outbox';
import type { VisitSnapshot } from './events';

export const snapshotOf = (visit: VisitRow): VisitSnapshot => ({
  id: visit.id,
  caseId: visit.caseId,
  agentIds: visit.agentIds as string[],
  windowStart: visit.windowStart,
  windowEnd: visit.windowEnd,
});

/**
 * A person's change to a visit: applied only at the version they read (`If-Match`), in one batch with
 * its audit row, what else belongs to it (the case's move) and the outbound events that announce it;
 * the webhook deliveries are dispatched once it committed. False when another change won the race.
 */
export async function changeVisit(
  c: Context<AppEnv>,
  input: {
    visit: VisitRow;
    version: number;
    set: Partial<VisitRow>;
    audit: AuditEntry;
    events: readonly OutboundEvent[];
    also?: readonly Write[];
  },
): Promise<boolean> {
  const { db, d1, ports } = c.var.services;
  const { tenantId } = c.var.auth;
  const { visit, version } = input;
  const also = input.also ?? [];
  const announced = announceStatements(d1, ports, {
    tenantId,
    sourceId: `${visit.id}@${version}`,
    events: input.events,
    now: ports.now(),
    // The batch as a whole is guarded on the version; the events need no guard of their own.
    guard: { sql: '1', binds: [] },
  });
  const writes = [bumpVisit(db, tenantId, visit.id, version, input.set), ...also, ...announced.statements];
  const { committed, results } = await audited(c, input.audit, writes, {
    holds: versionHolds('visits', tenantId, visit.id, version),
  });
  if (!committed) return false;
  const offset = 1 + also.length;
  await dispatchDeliveries(
    c.env.JOBS,
    tenantId,
    results,
    announced.deliveryStatementIndexes.map((i) => i + offset),
  );
  return true;
}

/**
 * Every agent named must be one of the tenant's active agents: a typo or a deactivated agent would
 * otherwise count as the second person at the door when compliance checks the team.
 */
export function assertStaffable(agentIds: readonly string[], activeAgents: readonly { id: string }[]): void {
  const active = new Set(activeAgents.map((agent) => agent.id));
  const errors = agentIds.flatMap((agentId, i) =>
    active.has(agentId)
      ? []
      : [
          {
            path: `/agentIds/${i}`,
            in: 'body' as const,
            message: 'No active agent of this tenant has this id.',
          },
        ],
  );
  if (errors.length > 0)
    throw new ApiError('REQUEST.INVALID', 'Some agents cannot make this visit.', { errors });
}
