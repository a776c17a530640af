import type { RiskModelInput, Statement } from '@doorstep/core';

/** Enough months for any model we ship (the current one reads six); a model takes the newest it needs. */
export const STATEMENTS_PER_ACCOUNT = 12;

export interface StatementHistoryRow {
  account_id: string;
  customer_id: string;
  account_status: 'current' | 'delinquent' | 'closed';
  period: string;
  currency: string;
  limit_minor: number;
  balance_minor: number;
  minimum_due_minor: number;
  payment_minor: number;
  status: 'no_activity' | 'paid_in_full' | 'revolving' | 'late';
  months_late: number;
}

export interface AccountHistory {
  accountId: string;
  customerId: string;
  accountStatus: StatementHistoryRow['account_status'];
  input: RiskModelInput;
}

/**
 * The newest statements of each account in `accounts` (a subquery of account ids, bound as ?1 tenant
 * and the caller's further parameters), newest first, with the account's customer and status.
 */
export const historiesSql = (accounts: string) => `
  SELECT s.account_id, a.customer_id, a.status AS account_status, s.period, s.currency, s.limit_minor,
    s.balance_minor, s.minimum_due_minor, s.payment_minor, s.status, s.months_late
  FROM (SELECT *, row_number() OVER (PARTITION BY account_id ORDER BY period DESC) AS newest
        FROM statements WHERE tenant_id = ?1 AND account_id IN (${accounts})) s
  JOIN accounts a ON a.tenant_id = ?1 AND a.id = s.account_id
  WHERE s.newest <= ${STATEMENTS_PER_ACCOUNT}
  ORDER BY s.account_id, s.period DESC`;

const statementOf = (row: StatementHistoryRow): Statement => ({
  period: row.period,
  currency: row.currency,
  limitMinor: row.limit_minor,
  balanceMinor: row.balance_minor,
  minimumDueMinor: row.minimum_due_minor,
  paymentMinor: row.payment_minor,
  status: row.status === 'late' ? { kind: 'late', monthsLate: row.months_late } : { kind: row.status },
});

/** Groups rows ordered by account, newest month first, into one model input per account. */
export function historiesOf(rows: readonly StatementHistoryRow[], now: string): AccountHistory[] {
  const out: AccountHistory[] = [];
  let current: AccountHistory | undefined;
  for (const row of rows) {
    if (current?.accountId !== row.account_id) {
      current = {
        accountId: row.account_id,
        customerId: row.customer_id,
        accountStatus: row.account_status,
        input: { now, statements: [] },
      };
      out.push(current);
    }
    (current.input.statements as Statement[]).push(statementOf(row));
  }
  return out;
}
