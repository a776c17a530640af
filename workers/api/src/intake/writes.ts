import type { IntakeWrites } from '@doorstep/intake';
import type { OutboundEventRows } from '../webhooks/outbox';

/**
 * The reducer's writes as a fixed set of D1 statements, whatever the number of events: every list
 * travels as ONE JSON parameter expanded by `json_each`, because D1 caps a statement at 100 bound
 * parameters. Rows the reducer read are updated only at the version it read; a guard after each such
 * update fails the whole batch when another writer got there first, and the caller reduces again.
 */
export function intakeStatements(
  d1: D1Database,
  tenantId: string,
  writes: IntakeWrites,
  now: number,
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  const bulk = (query: string, rows: readonly unknown[]) => {
    if (rows.length > 0) statements.push(d1.prepare(query).bind(tenantId, now, JSON.stringify(rows)));
  };
  // Updates look rows up by primary key per JSON item; the unary `+` keeps the tenant check from
  // steering SQLite onto a tenant-wide index scan instead.
  // `changes()` is the row count of the statement just before: fewer means a row moved on since it was
  // read. json('') raises, which rolls the whole batch back, so nothing of this reduction is written.
  const guarded = (query: string, rows: readonly unknown[]) => {
    if (rows.length === 0) return;
    bulk(query, rows);
    statements.push(
      d1
        .prepare("SELECT CASE WHEN changes() = ? THEN 1 ELSE json('intake: concurrent update') END")
        .bind(rows.length),
    );
  };

  const customerColumns = `name = j.value->>'name', phone = j.value->>'phone', email = j.value->>'email',
    address_line = j.value->>'addressLine', lat = j.value->>'lat', lon = j.value->>'lon', region_id = j.value->>'regionId',
    time_zone = j.value->>'timeZone', language = j.value->>'language', household_notes = j.value->>'householdNotes',
    flags = j.value->'flags', flags_updated_at = j.value->>'flagsUpdatedAt', credit_history = j.value->'creditHistory',
    source_updated_at = j.value->>'sourceUpdatedAt'`;
  bulk(
    `INSERT INTO customers (id, tenant_id, external_ref, name, phone, email, address_line, lat, lon, region_id, time_zone,
       language, household_notes, flags, flags_updated_at, credit_history, source_updated_at, version, created_at, updated_at)
     SELECT j.value->>'id', ?1, j.value->>'externalRef', j.value->>'name', j.value->>'phone', j.value->>'email',
       j.value->>'addressLine', j.value->>'lat', j.value->>'lon', j.value->>'regionId', j.value->>'timeZone',
       j.value->>'language', j.value->>'householdNotes', j.value->'flags', j.value->>'flagsUpdatedAt',
       j.value->'creditHistory', j.value->>'sourceUpdatedAt', 1, ?2, ?2
     FROM json_each(?3) j`,
    writes.customers.insert,
  );
  guarded(
    `UPDATE customers SET ${customerColumns}, version = customers.version + 1, updated_at = ?2
     FROM json_each(?3) j
     WHERE +customers.tenant_id = ?1 AND customers.id = j.value->>'id' AND customers.version = j.value->>'version'`,
    writes.customers.update,
  );

  const accountColumns = `customer_id = j.value->>'customerId', kind = j.value->>'kind', product = j.value->>'product',
    currency = j.value->>'currency', limit_or_principal = j.value->>'limitOrPrincipal', status = j.value->>'status',
    last_sequence = j.value->>'lastSequence', last_as_of = j.value->>'lastAsOf', dpd = j.value->>'dpd',
    overdue_total = j.value->>'overdueTotal', outstanding_balance = j.value->>'outstandingBalance'`;
  bulk(
    `INSERT INTO accounts (id, tenant_id, customer_id, external_ref, kind, product, currency, limit_or_principal, status,
       last_sequence, last_as_of, dpd, overdue_total, outstanding_balance, created_at, updated_at)
     SELECT j.value->>'id', ?1, j.value->>'customerId', j.value->>'externalRef', j.value->>'kind', j.value->>'product',
       j.value->>'currency', j.value->>'limitOrPrincipal', j.value->>'status', j.value->>'lastSequence',
       j.value->>'lastAsOf', j.value->>'dpd', j.value->>'overdueTotal', j.value->>'outstandingBalance', ?2, ?2
     FROM json_each(?3) j`,
    writes.accounts.insert,
  );
  // Accounts carry no version column; the highest applied sequence and the status are what a
  // concurrent writer changes, so those are the guard.
  guarded(
    `UPDATE accounts SET ${accountColumns}, updated_at = ?2
     FROM json_each(?3) j
     WHERE +accounts.tenant_id = ?1 AND accounts.id = j.value->>'id'
       AND accounts.last_sequence IS j.value->>'readSequence' AND accounts.status = j.value->>'readStatus'`,
    writes.accounts.update,
  );

  const caseColumns = `status = j.value->>'status', bucket = j.value->>'bucket', dpd = j.value->>'dpd',
    overdue_total = j.value->>'overdueTotal', overdue_at_open = j.value->>'overdueAtOpen', region_id = j.value->>'regionId',
    eligible = j.value->>'eligible', priority = j.value->>'priority', last_screened_at = j.value->>'lastScreenedAt',
    open_sequence = j.value->>'openSequence', opened_at = j.value->>'openedAt', ended_at = j.value->>'endedAt'`;
  bulk(
    `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency,
       region_id, eligible, priority, last_screened_at, open_sequence, opened_at, ended_at, version, updated_at)
     SELECT j.value->>'id', ?1, j.value->>'customerId', j.value->>'accountId', j.value->>'status', j.value->>'bucket',
       j.value->>'dpd', j.value->>'overdueTotal', j.value->>'overdueAtOpen', j.value->>'currency', j.value->>'regionId',
       j.value->>'eligible', j.value->>'priority', j.value->>'lastScreenedAt', j.value->>'openSequence',
       j.value->>'openedAt', j.value->>'endedAt', 1, ?2
     FROM json_each(?3) j`,
    writes.cases.insert,
  );
  guarded(
    `UPDATE cases SET ${caseColumns}, version = cases.version + 1, updated_at = ?2
     FROM json_each(?3) j
     WHERE +cases.tenant_id = ?1 AND cases.id = j.value->>'id' AND cases.version = j.value->>'version'`,
    writes.cases.update,
  );

  bulk(
    `INSERT INTO delinquency_snapshots (tenant_id, account_id, sequence, as_of, dpd, overdue_principal, overdue_interest,
       overdue_fees, outstanding_balance, currency, bucket, received_at)
     SELECT ?1, j.value->>'accountId', j.value->>'sequence', j.value->>'asOf', j.value->>'dpd',
       j.value->>'overduePrincipal', j.value->>'overdueInterest', j.value->>'overdueFees',
       j.value->>'outstandingBalance', j.value->>'currency', j.value->>'bucket', ?2
     FROM json_each(?3) j WHERE true
     ON CONFLICT (tenant_id, account_id, sequence) DO NOTHING`,
    writes.snapshots,
  );
  // A plain insert: the reducer saw no payment with this ref, so a conflict means a concurrent writer.
  bulk(
    `INSERT INTO payments (id, tenant_id, account_id, case_id, external_ref, amount, currency, paid_at, received_at)
     SELECT j.value->>'id', ?1, j.value->>'accountId', j.value->>'caseId', j.value->>'externalRef',
       j.value->>'amount', j.value->>'currency', j.value->>'paidAt', ?2
     FROM json_each(?3) j`,
    writes.payments,
  );
  // Later-wins by source time, in SQL too, so two requests correcting one month converge.
  bulk(
    `INSERT INTO statements (tenant_id, account_id, period, currency, limit_minor, balance_minor, minimum_due_minor,
       payment_minor, status, months_late, source_at, received_at)
     SELECT ?1, j.value->>'accountId', j.value->>'period', j.value->>'currency', j.value->>'limit',
       j.value->>'balance', j.value->>'minimumDue', j.value->>'payment', j.value->>'status',
       j.value->>'monthsLate', j.value->>'sourceAt', ?2
     FROM json_each(?3) j WHERE true
     ON CONFLICT (tenant_id, account_id, period) DO UPDATE SET currency = excluded.currency,
       limit_minor = excluded.limit_minor, balance_minor = excluded.balance_minor,
       minimum_due_minor = excluded.minimum_due_minor, payment_minor = excluded.payment_minor,
       status = excluded.status, months_late = excluded.months_late, source_at = excluded.source_at,
       received_at = excluded.received_at
     WHERE excluded.source_at > statements.source_at`,
    writes.statements,
  );
  bulk(
    `INSERT INTO regions (tenant_id, id, name, risk_score, risk_as_of)
     SELECT ?1, j.value->>'id', j.value->>'name', j.value->>'riskScore', j.value->>'riskAsOf'
     FROM json_each(?3) j WHERE ?2 IS NOT NULL
     ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, risk_score = excluded.risk_score,
       risk_as_of = excluded.risk_as_of
     WHERE excluded.risk_as_of > regions.risk_as_of`,
    writes.regions,
  );
  bulk(
    `INSERT INTO intake_parked (tenant_id, account_ref, event_key, event, parked_at)
     SELECT ?1, j.value->>'accountRef', j.value->>'eventKey', j.value->'event', ?2
     FROM json_each(?3) j WHERE true
     ON CONFLICT (tenant_id, account_ref, event_key) DO NOTHING`,
    writes.park,
  );
  bulk(
    `DELETE FROM intake_parked WHERE tenant_id = ?1 AND ?2 IS NOT NULL
       AND (account_ref, event_key) IN (SELECT j.value->>'accountRef', j.value->>'eventKey' FROM json_each(?3) j)`,
    writes.unpark,
  );
  bulk(
    `UPDATE follow_up_timers SET state = 'cancelled', updated_at = ?2
     WHERE tenant_id = ?1 AND case_id IN (SELECT value FROM json_each(?3)) AND state IN ('pending', 'enqueued')`,
    writes.endedCases,
  );
  // Nobody knocks on the door of a customer who has paid: requested and planned visits end with the case.
  bulk(
    `UPDATE visits SET status = 'cancelled', version = version + 1, updated_at = ?2
     WHERE tenant_id = ?1 AND case_id IN (SELECT value FROM json_each(?3)) AND status IN ('requested', 'planned')`,
    writes.endedCases,
  );
  bulk(
    `UPDATE cases SET eligible = NULL, priority = NULL, last_screened_at = NULL, version = version + 1, updated_at = ?2
     WHERE tenant_id = ?1 AND region_id IN (SELECT value FROM json_each(?3)) AND ended_at IS NULL
       AND last_screened_at IS NOT NULL`,
    writes.rescreenRegions,
  );
  return statements;
}

/**
 * What core banking hears back of the cases this reduction ended: `case.cured` or `case.closed`, read
 * from the case rows the same batch just wrote. A cure undone by an older snapshot and reached again
 * later ends at another instant, so it is announced again.
 */
export function endedCaseEvents(tenantId: string, endedCases: readonly string[]): OutboundEventRows[] {
  if (endedCases.length === 0) return [];
  const ended = (status: 'cured' | 'closed', figures: string): OutboundEventRows['rows'] => ({
    sql: `SELECT k.id AS case_id, 'case.${status}:' || k.id || ':' || k.ended_at AS dedupe_key,
            json_object('endedAt', strftime('%Y-%m-%dT%H:%M:%fZ', k.ended_at / 1000.0, 'unixepoch'), ${figures},
              'currency', k.currency) AS data
          FROM cases k
          WHERE k.tenant_id = ? AND k.id IN (SELECT value FROM json_each(?)) AND k.status = '${status}'`,
    binds: [tenantId, JSON.stringify(endedCases)],
  });
  return [
    { type: 'case.cured', rows: ended('cured', `'overdueAtOpenMinor', k.overdue_at_open`) },
    { type: 'case.closed', rows: ended('closed', `'overdueMinor', k.overdue_total`) },
  ];
}
