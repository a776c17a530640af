import {
  arrearsOf,
  type Payment,
  type PreparationInput,
  type PromiseToPay,
  type RepaymentPlan,
  recordedArrears,
  type Visit,
  type VisitOutcome,
} from '@doorstep/core';
import { rightPartyResults } from '@doorstep/evaluation';
import { mirroringCase } from '@doorstep/intake';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { pastContactsQuery } from '../compliance/visit-history';
import type { Database } from '../db/client';
import {
  accounts,
  cases,
  customers,
  delinquencySnapshots,
  instalments,
  payments,
  policySets,
  promises,
  repaymentPlans,
  tenants,
  visitOutcomes,
  visits,
} from '../db/schema';
import type { AuthContext } from '../http/app-env';
import { snapshotOf } from '../screening/load';
import { coreAccount, coreCase, coreCreditHistory, coreCustomer, coreSnapshot, coreTenant } from './domain';
import { evidenceOf } from './evidence';
import { caseScope } from './scope';

/**
 * The dossier lists the newest few of each history; the account's snapshots and payments and the
 * customer's remote contact attempts are the ones that grow without bound (daily for years, or a
 * dialer's every call), so only they are capped when read.
 */
const ACCOUNT_HISTORY_ROWS = 100;

/** Visits that took place: a planned one has not happened yet, a cancelled one never will. */
const HAPPENED = ['checked_in', 'completed'] as const;

type OutcomeRow = typeof visitOutcomes.$inferSelect;
type VisitRow = typeof visits.$inferSelect;

/**
 * Everything a case's dossier is built from, in ONE D1 batch of single-table reads (no joins, so
 * batched rows cannot mix columns of the same name). Reads other than the case are keyed by
 * subqueries on the case row, so nothing waits for the case to be read first; they are used only
 * when the case itself is in the key's scope.
 */
export async function loadDossierFacts(db: Database, auth: AuthContext, caseId: string, now: string) {
  const { tenantId } = auth;
  const ofCase = (column: SQL) =>
    sql`(SELECT ${column} FROM ${cases} WHERE ${cases.tenantId} = ${tenantId} AND ${cases.id} = ${caseId})`;
  const customerId = ofCase(sql.raw('customer_id'));
  const accountId = ofCase(sql.raw('account_id'));
  // Visits are the customer's across all their cases: what happened at the door concerns the person.
  const customerCases = sql`(SELECT id FROM ${cases} WHERE ${cases.tenantId} = ${tenantId} AND ${cases.customerId} = ${customerId})`;
  const casePlans = sql`(SELECT id FROM ${repaymentPlans} WHERE ${repaymentPlans.tenantId} = ${tenantId} AND ${repaymentPlans.caseId} = ${caseId})`;

  const [
    kase,
    tenant,
    policy,
    customer,
    account,
    snapshots,
    paid,
    visitRows,
    outcomes,
    promised,
    plans,
    planInstalments,
    remoteContacts,
    paidSinceReported,
    accountCases,
  ] = await db.batch([
    db
      .select()
      .from(cases)
      .where(and(caseScope(auth), eq(cases.id, caseId))),
    db.select().from(tenants).where(eq(tenants.id, tenantId)),
    db
      .select()
      .from(policySets)
      .where(and(eq(policySets.tenantId, tenantId), eq(policySets.active, true))),
    db
      .select()
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), sql`${customers.id} = ${customerId}`)),
    db
      .select()
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), sql`${accounts.id} = ${accountId}`)),
    db
      .select()
      .from(delinquencySnapshots)
      .where(
        and(
          eq(delinquencySnapshots.tenantId, tenantId),
          sql`${delinquencySnapshots.accountId} = ${accountId}`,
        ),
      )
      .orderBy(desc(delinquencySnapshots.sequence))
      .limit(ACCOUNT_HISTORY_ROWS),
    db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, tenantId), sql`${payments.accountId} = ${accountId}`))
      .orderBy(desc(payments.paidAt))
      .limit(ACCOUNT_HISTORY_ROWS),
    db
      .select()
      .from(visits)
      .where(
        and(
          eq(visits.tenantId, tenantId),
          sql`${visits.caseId} IN ${customerCases}`,
          inArray(visits.status, HAPPENED),
        ),
      ),
    db
      .select()
      .from(visitOutcomes)
      .where(and(eq(visitOutcomes.tenantId, tenantId), sql`${visitOutcomes.caseId} IN ${customerCases}`)),
    db
      .select()
      .from(promises)
      .where(and(eq(promises.tenantId, tenantId), eq(promises.caseId, caseId))),
    db
      .select()
      .from(repaymentPlans)
      .where(and(eq(repaymentPlans.tenantId, tenantId), eq(repaymentPlans.caseId, caseId))),
    db
      .select()
      .from(instalments)
      .where(and(eq(instalments.tenantId, tenantId), sql`${instalments.planId} IN ${casePlans}`)),
    pastContactsQuery(db, tenantId, customerId).limit(ACCOUNT_HISTORY_ROWS),
    // Every payment the arrears count, however many the history cap leaves out.
    db
      .select()
      .from(payments)
      .where(
        and(
          eq(payments.tenantId, tenantId),
          sql`${payments.accountId} = ${accountId}`,
          sql`${payments.paidAt} > ${lastAsOfMs(tenantId, accountId)}`,
        ),
      ),
    db
      .select({ id: cases.id, openedAt: cases.openedAt, endedAt: cases.endedAt })
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), sql`${cases.accountId} = ${accountId}`)),
  ]);

  const [caseRow] = kase;
  const [tenantRow] = tenant;
  const [customerRow] = customer;
  const [accountRow] = account;
  if (!caseRow || !tenantRow || !customerRow || !accountRow) return null;
  const [latest = null, ...earlier] = snapshots;

  const outcomeOf = new Map(outcomes.map((row) => [row.visitId, row]));
  const snapshot = snapshotOf({ kase: caseRow, account: accountRow, snapshot: latest }, now);
  const paymentRows = [...new Map([...paid, ...paidSinceReported].map((row) => [row.id, row])).values()];
  const corePayments = paymentRows.map(
    (row): Payment => ({
      accountId: row.accountId as Payment['accountId'],
      at: new Date(row.paidAt).toISOString(),
      amount: { amountMinor: row.amount, currency: row.currency },
    }),
  );
  // The breakdown (latest report less the payments since) is shown when it is the case's own figure:
  // the case that follows the account. Otherwise — an earlier episode, or one intake placed behind the
  // latest report (a late older snapshot) — the case's recorded figure stands, so both always agree.
  const followed =
    latest !== null && mirroringCase(accountCases)?.id === caseRow.id
      ? arrearsOf(snapshot, corePayments)
      : null;
  const input: Omit<PreparationInput, 'now'> = {
    tenant: coreTenant(tenantRow),
    customer: coreCustomer(customerRow),
    account: coreAccount(accountRow),
    case: coreCase(caseRow),
    snapshot,
    arrears:
      followed !== null && followed.totalMinor === caseRow.overdueTotal && followed.dpd === caseRow.dpd
        ? followed
        : recordedArrears({
            asOf: new Date(caseRow.endedAt ?? caseRow.updatedAt).toISOString(),
            dpd: caseRow.dpd,
            currency: caseRow.currency,
            totalMinor: caseRow.overdueTotal,
          }),
    overdueHistory: earlier.map(coreSnapshot),
    payments: corePayments,
    // Visits as their outcomes record them, and the calls, texts and letters partner apps reported.
    contacts: [
      ...outcomes.map((row) => ({
        at: new Date(row.recordedAt).toISOString(),
        channel: 'visit' as const,
        reached: rightPartyResults.includes(row.contactResult as VisitOutcome['contactResult']),
      })),
      ...remoteContacts.map((row) => ({
        at: new Date(row.at).toISOString(),
        channel: row.channel,
        reached: row.reached,
      })),
    ],
    history: coreCreditHistory(customerRow, caseRow.dpd),
    previousVisits: visitRows.map((row) => {
      const outcome = outcomeOf.get(row.id);
      return {
        visit: coreVisit(row, customerRow.id),
        outcome: outcome ? coreOutcome(outcome, caseRow.currency) : null,
      };
    }),
    promises: promised.map(
      (row): PromiseToPay => ({
        id: row.id as PromiseToPay['id'],
        caseId: row.caseId as PromiseToPay['caseId'],
        amount: { amountMinor: row.amount, currency: row.currency },
        dueDate: row.promisedDate,
        madeAt: new Date(row.createdAt).toISOString(),
        status: row.status,
      }),
    ),
    repaymentPlans: plans.flatMap((row): RepaymentPlan[] => {
      const own = planInstalments.filter((i) => i.planId === row.id);
      const [first, ...rest] = own.map((i) => ({
        sequence: i.seq,
        dueDate: i.dueDate,
        dueAt: new Date(i.dueAt).toISOString(),
        amountMinor: i.amount,
      }));
      if (!first) return [];
      return [
        {
          id: row.id as RepaymentPlan['id'],
          caseId: row.caseId as RepaymentPlan['caseId'],
          currency: row.currency,
          totalMinor: row.total,
          waivedMinor: row.waived,
          instalments: [first, ...rest],
          // The API calls the customer's acceptance `accepted`; the core's plan lifecycle says `agreed`.
          status: row.status === 'accepted' ? 'agreed' : row.status,
          createdAt: new Date(row.proposedAt).toISOString(),
        },
      ];
    }),
  };
  return { input, policy: policy[0] ?? null };
}

/**
 * The account's `last_as_of` as epoch milliseconds, in SQL, so the payments counted against the latest
 * snapshot are read in the same batch. It holds an ISO instant or a bare date; julianday reads both.
 */
const lastAsOfMs = (tenantId: string, accountId: SQL) =>
  sql`(SELECT CAST(round((julianday(${accounts.lastAsOf}) - 2440587.5) * 86400000) AS INTEGER) FROM ${accounts} WHERE ${accounts.tenantId} = ${tenantId} AND ${accounts.id} = ${accountId})`;

export type DossierFacts = NonNullable<Awaited<ReturnType<typeof loadDossierFacts>>>;

function coreVisit(row: VisitRow, customerId: string): Visit {
  // A visit that happened has a check-in or a window; creation time is the last resort for its date.
  const start = row.windowStart ?? row.checkedInAt ?? row.createdAt;
  return {
    id: row.id as Visit['id'],
    caseId: row.caseId as Visit['caseId'],
    customerId: customerId as Visit['customerId'],
    purpose: row.purpose as Visit['purpose'],
    dossier: null,
    agentIds: row.agentIds as Visit['agentIds'],
    window: {
      start: new Date(start).toISOString(),
      end: new Date(row.windowEnd ?? start).toISOString(),
    },
    status: row.status === 'requested' ? 'planned' : row.status,
    checkIn:
      row.checkedInAt === null
        ? null
        : {
            at: new Date(row.checkedInAt).toISOString(),
            lat: row.checkInLat ?? 0,
            lon: row.checkInLon ?? 0,
          },
  };
}

/** Outcomes store the ability to pay in minor units of the debt's currency. */
function coreOutcome(row: OutcomeRow, currency: string): VisitOutcome {
  const cited = evidenceOf(row.evidence);
  return {
    visitId: row.visitId as VisitOutcome['visitId'],
    recordedAt: new Date(row.recordedAt).toISOString(),
    contactResult: row.contactResult as VisitOutcome['contactResult'],
    identityChecklist: row.checklist as VisitOutcome['identityChecklist'],
    hardshipReasons: row.hardship as VisitOutcome['hardshipReasons'],
    willingness: row.willingness,
    monthlyAbilityToPay: row.abilityPerMonth === null ? null : { amountMinor: row.abilityPerMonth, currency },
    satisfaction: row.satisfaction,
    promiseToPay: row.promise as VisitOutcome['promiseToPay'],
    planProposal: row.planProposal as VisitOutcome['planProposal'],
    evidenceRefs: [...cited.ids, ...cited.legacyRefs],
    notes: row.notes ?? '',
  };
}
