/**
 * What the retention job erases of a case past its pack's retention period, as statements for one D1
 * batch. Personal data goes; what the reports and the audit trail need (amounts, dates, codes, ids,
 * regions) stays, so aggregates over the past do not change. `retention.test.ts` lists every column of
 * every table touched, erased or kept, and why.
 */

/** The cases of one chunk, as one bound JSON parameter (D1 caps a statement at 100 parameters). */
const inCases = 'SELECT value FROM json_each(?2)';
const visitsOfCases = `SELECT id FROM visits WHERE tenant_id = ?1 AND case_id IN (${inCases})`;

/** Marks what a customer or account keeps once erased: its row, to hold the aggregates, under no real key. */
const ERASED_REF = `'erased:' || id`;

export interface ErasureChunk {
  tenantId: string;
  caseIds: readonly string[];
  now: number;
  /** Recorded with each erasure: which run, under which period. */
  run: { day: string; retentionYears: number; cutoff: number };
}

/**
 * The statements, in order: evidence rows (their R2 objects are deleted before the batch), outcome
 * notes and free-text references, where the agent stood and the dossier snapshot, override and audit
 * reasons, the cases, then each customer and account none of whose cases remains; every erased case
 * and customer gets a `system` audit row.
 */
export function erasureStatements(d1: D1Database, chunk: ErasureChunk): D1PreparedStatement[] {
  const { tenantId, now, run } = chunk;
  const cases = JSON.stringify(chunk.caseIds);
  // D1 wants exactly as many values as the highest `?N` a statement names.
  const statement = (sql: string) => {
    const highest = Math.max(...[...sql.matchAll(/\?(\d)/g)].map((match) => Number(match[1])));
    return d1.prepare(sql).bind(...[tenantId, cases, now].slice(0, highest));
  };
  // Set-based, so the ids come from SQLite's randomness rather than the id port (as `resendStalledWork`).
  const auditRow = (action: string, subjectType: string, from: string, data: string) =>
    d1
      .prepare(
        `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, data)
         SELECT 'aud_' || lower(hex(randomblob(10))), tenant_id, ?3, NULL, 'system', ?4, ?5, id, ${data}
         FROM ${from}`,
      )
      .bind(tenantId, cases, now, action, subjectType, run.day, run.retentionYears, run.cutoff);
  const runData = `'runDay', ?6, 'retentionYears', ?7, 'cutoff', ?8`;
  return [
    statement(
      `UPDATE evidence SET status = 'erased', erased_at = ?3
       WHERE tenant_id = ?1 AND case_id IN (${inCases}) AND status <> 'erased'`,
    ),
    statement(
      `UPDATE visit_outcomes SET notes = NULL, evidence = '[]' WHERE tenant_id = ?1 AND case_id IN (${inCases})`,
    ),
    statement(
      `UPDATE visits SET dossier = '{}', check_in_lat = NULL, check_in_lon = NULL, cancel_note = NULL
       WHERE tenant_id = ?1 AND case_id IN (${inCases})`,
    ),
    statement(
      `UPDATE compliance_overrides SET reason = '' WHERE tenant_id = ?1 AND visit_id IN (${visitsOfCases})`,
    ),
    statement(
      `UPDATE audit_log SET reason = NULL
       WHERE tenant_id = ?1 AND reason IS NOT NULL
         AND ((subject_type = 'case' AND subject_id IN (${inCases}))
           OR (subject_type = 'visit' AND subject_id IN (${visitsOfCases})))`,
    ),
    statement(
      `UPDATE cases SET erased_at = ?3 WHERE tenant_id = ?1 AND id IN (${inCases}) AND erased_at IS NULL`,
    ),
    auditRow(
      'retention.erased',
      'case',
      `cases WHERE tenant_id = ?1 AND id IN (${inCases})`,
      `json_object('endedAt', ended_at, ${runData},
         'evidenceErased', (SELECT COUNT(*) FROM evidence e WHERE e.tenant_id = ?1 AND e.case_id = cases.id AND e.erased_at = ?3))`,
    ),
    statement(
      `UPDATE customers SET name = '', phone = NULL, email = NULL, address_line = NULL, lat = NULL, lon = NULL,
         household_notes = NULL, time_zone = NULL, language = NULL, flags = '{}', credit_history = '{}',
         external_ref = ${ERASED_REF}, erased_at = ?3
       WHERE tenant_id = ?1 AND erased_at IS NULL
         AND id IN (SELECT customer_id FROM cases WHERE tenant_id = ?1 AND id IN (${inCases}))
         AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = ?1 AND c.customer_id = customers.id AND c.erased_at IS NULL)`,
    ),
    auditRow(
      'retention.customer-erased',
      'customer',
      `customers WHERE tenant_id = ?1 AND erased_at = ?3
         AND id IN (SELECT customer_id FROM cases WHERE tenant_id = ?1 AND id IN (${inCases}))`,
      `json_object(${runData})`,
    ),
    statement(
      `UPDATE accounts SET external_ref = ${ERASED_REF}, erased_at = ?3
       WHERE tenant_id = ?1 AND erased_at IS NULL
         AND id IN (SELECT account_id FROM cases WHERE tenant_id = ?1 AND id IN (${inCases}))
         AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = ?1 AND c.account_id = accounts.id AND c.erased_at IS NULL)`,
    ),
  ];
}
