import type { CaseId, CustomerId, TenantSettings } from '@doorstep/core';
import { database } from '../db/client';
import type { RuntimePorts } from '../ports/runtime';
import { activeResolved } from '../repositories/policy-sets';
import type { ShardScope } from '../shards/bindings';
import { unfenced } from '../shards/fence';
import { afterCureStatements, type SeenCure } from './after-cure-statements';

/**
 * Cures older than this when the sweep first sees them get no contact plan: a month-1 check-in is
 * pointless by month 2, and a sweep that was down must not wake old cures all at once.
 */
export const AFTER_CURE_LOOKBACK_MS = 14 * 86_400_000;
/** Cures planned per tenant per tick; a backlog drains over a few ticks. */
const PER_TENANT = 200;
const STATEMENTS_PER_BATCH = 100;

interface TenantRow {
  id: string;
  time_zone: string;
  currency: string;
  jurisdiction: string;
}

/**
 * One cron tick of the relationship after a cure, per shard: each tenant's cures not yet seen are handed to the
 * tenant's relationship policy (none: nothing is planned, the cure is still recorded as seen), and its
 * contacts become follow-up timers of the cured case, judged again when they fall due. Returns how many
 * cures it planned.
 */
export async function sweepAfterCure({ d1: db }: ShardScope, ports: RuntimePorts): Promise<number> {
  const now = ports.now();
  const { results: tenants } = await db
    .prepare(`SELECT id, time_zone, currency, jurisdiction FROM tenants WHERE ${unfenced('id')}`)
    .all<TenantRow>();
  if (tenants.length === 0) return 0;
  const found = await db.batch<{ id: string; customer_id: string; ended_at: number }>(
    tenants.map((tenant) =>
      db
        .prepare(
          `SELECT id, customer_id, ended_at FROM cases
           WHERE tenant_id = ? AND status = 'cured' AND ended_at > ? AND ended_at <= ?
             AND NOT EXISTS (SELECT 1 FROM after_cure_relationships seen WHERE seen.tenant_id = cases.tenant_id AND seen.case_id = cases.id)
           ORDER BY ended_at LIMIT ?`,
        )
        .bind(tenant.id, now - AFTER_CURE_LOOKBACK_MS, now, PER_TENANT),
    ),
  );
  let planned = 0;
  for (const [i, tenant] of tenants.entries()) {
    const cures = found[i]?.results ?? [];
    if (cures.length === 0) continue;
    const { set } = await activeResolved(database(db), tenant.id);
    const policy = set.relationship;
    const settings: TenantSettings = {
      tenantId: tenant.id as TenantSettings['tenantId'],
      timeZone: tenant.time_zone,
      currency: tenant.currency,
      jurisdictionPackId: tenant.jurisdiction,
    };
    const statements = cures.flatMap((row) => {
      const cure: SeenCure = {
        tenantId: tenant.id,
        caseId: row.id,
        customerId: row.customer_id,
        curedAt: row.ended_at,
      };
      const plan =
        policy === null
          ? null
          : {
              policy: `${policy.id}@${policy.version}`,
              plan: policy.fns.afterCure({
                now: new Date(now).toISOString(),
                tenant: settings,
                cure: {
                  caseId: row.id as CaseId,
                  customerId: row.customer_id as CustomerId,
                  curedAt: new Date(row.ended_at).toISOString(),
                },
              }),
            };
      return afterCureStatements(db, ports, cure, plan, now);
    });
    for (let j = 0; j < statements.length; j += STATEMENTS_PER_BATCH)
      await db.batch(statements.slice(j, j + STATEMENTS_PER_BATCH));
    planned += cures.length;
  }
  return planned;
}
