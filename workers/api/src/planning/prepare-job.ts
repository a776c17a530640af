import { prepareVisit } from '@doorstep/core';
import { database } from '../db/client';
import type { AuthContext } from '../http/app-env';
import type { JobHandler } from '../jobs/handlers';
import { idSource } from '../repositories/domain';
import { loadDossierFacts } from '../repositories/dossier';
import { activeResolved } from '../repositories/policy-sets';
import { findPlan } from './visit-plans';

/** D1 statements one Worker invocation may run (the platform's limit). */
export const INVOCATION_QUERY_BUDGET = 1000;
/** Kept back for what a chunk does besides dossiers: its reads, its write batch, the next message. */
const RESERVE = 60;
/** Visits per message at most, so a chunk's write batch stays small whatever the budget left. */
export const PREPARE_CHUNK = 25;

interface UnpreparedVisit {
  id: string;
  case_id: string;
}

/**
 * Prepares a solved plan's visits in chunks: each visit gets the preparation policy's dossier (stored as
 * the snapshot its agents read before knocking) and, when the plan created it, the policy's suggested
 * purpose; a revisit keeps the purpose its follow-up asked for. A chunk stops before the invocation's
 * D1 statements (all messages of the queue batch together) could pass the platform's budget, and sends
 * the next message for what is left. Redelivery is harmless: only visits not yet prepared are read, and
 * each write is guarded on `prepared_at IS NULL`.
 */
export const handlePlanPrepare: JobHandler<'plan.prepare'> = async (job, context) => {
  const { env, ports, d1 } = context;
  const used = () => context.queries?.() ?? 0;
  const plan = await findPlan(d1, job.tenantId, job.planId);
  if (!plan || plan.status === 'solving' || plan.status === 'failed') return { kind: 'done' };
  const db = database(d1);
  const [{ set }, { results: visits }] = await Promise.all([
    activeResolved(db, job.tenantId),
    d1
      .prepare(
        `SELECT id, case_id FROM visits WHERE tenant_id = ? AND plan_id = ? AND prepared_at IS NULL
         AND status = 'planned' ORDER BY id LIMIT ?`,
      )
      .bind(job.tenantId, job.planId, PREPARE_CHUNK)
      .all<UnpreparedVisit>(),
  ]);
  // The job acts for the system across the tenant, as a supervisor's key would.
  const auth: AuthContext = {
    tenantId: job.tenantId,
    keyId: 'system',
    role: 'admin',
    agencyId: null,
    agentId: null,
  };
  const now = ports.now();
  const at = new Date(now).toISOString();
  // Prepared once (counted once); each bound copy is one more statement when the batch runs. The
  // version stays: preparing enriches the visit for its agents and conflicts with no one's change, so
  // an ETag an agent's app holds for its check-in stays good.
  const mark = d1.prepare(
    `UPDATE visits SET dossier = ?1, prepared_at = ?2, updated_at = ?2,
       purpose = CASE WHEN ?3 IS NOT NULL AND created_at >= (SELECT created_at FROM visit_plans WHERE id = ?5)
                 THEN ?3 ELSE purpose END
     WHERE tenant_id = ?4 AND plan_id = ?5 AND id = ?6 AND prepared_at IS NULL`,
  );
  const writes: D1PreparedStatement[] = [];
  let costliest = 0;
  for (const visit of visits) {
    if (used() + costliest + writes.length + RESERVE > INVOCATION_QUERY_BUDGET) break;
    const before = used();
    const facts = await loadDossierFacts(db, auth, visit.case_id, at);
    costliest = Math.max(costliest, used() - before);
    // A case gone from under its visit (erased, say) has nothing to prepare: marked so, not retried.
    if (!facts) {
      writes.push(mark.bind('{}', now, null, job.tenantId, job.planId, visit.id));
      continue;
    }
    const prepared = prepareVisit(set, facts.input, { now: at, ids: idSource(ports) });
    if (!prepared.ok) throw new Error(`preparation policy failed: ${prepared.error.policyId}`);
    const { dossier, purpose, checklist, reasons } = prepared.value;
    const snapshot = {
      preparedAt: at,
      policy: { id: set.preparation.id, version: set.preparation.version },
      suggestedPurpose: purpose,
      purposeReasons: reasons,
      checklist,
      dossier,
    };
    writes.push(mark.bind(JSON.stringify(snapshot), now, purpose, job.tenantId, job.planId, visit.id));
  }
  if (writes.length > 0) await d1.batch(writes);
  // A full chunk, or one cut short by the budget, leaves visits for the next message.
  if (visits.length === PREPARE_CHUNK || writes.length < visits.length) await env.JOBS.send(job);
  return { kind: 'done' };
};
