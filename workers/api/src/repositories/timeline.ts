import { localDateAt, startOfLocalDay } from '@doorstep/core';
import type { AuthContext } from '../http/app-env';

/**
 * Everything that happened to one customer, across accounts and cases, as one list newest first.
 * Each kind of event is read by its own indexed query (at most `limit + 1` rows after the cursor), and
 * the lists are merged here: the order is `(at, kind, id)` descending, exactly the cursor's key, so a
 * page boundary falls between two items and no item is skipped or repeated.
 */
export const TIMELINE_KINDS = [
  'account.opened',
  'case.opened',
  'case.ended',
  'delinquency.snapshot',
  'visit',
  'contact',
  'promise',
  'repayment-plan',
  'lesson',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type TimelineCursor = [at: number, kind: TimelineKind, id: string];

export interface TimelineRow {
  kind: TimelineKind;
  at: number;
  id: string;
  accountId: string | null;
  caseId: string | null;
  data: Record<string, unknown>;
}

interface Arm {
  kind: TimelineKind;
  /** `SELECT … AS id, … AS at, … AS account_id, … AS case_id, json(…) AS data FROM … WHERE <customer>`. */
  from: string;
  at: string;
  id: string;
  /** Rows of cases the key may see; `c` is the case alias of the arm, absent for account-level arms. */
  caseAlias?: string;
  accountAlias?: string;
}

/** `?1` tenant, `?2` customer, `?3` the key's agency or agent id. */
const ARMS: readonly Arm[] = [
  {
    kind: 'account.opened',
    at: 'a.created_at',
    id: 'a.id',
    accountAlias: 'a',
    from: `SELECT a.id AS id, a.created_at AS at, a.id AS account_id, NULL AS case_id,
        json_object('kind', a.kind, 'product', a.product, 'currency', a.currency, 'status', a.status) AS data
      FROM accounts a WHERE a.tenant_id = ?1 AND a.customer_id = ?2`,
  },
  {
    kind: 'case.opened',
    at: 'c.opened_at',
    id: 'c.id',
    caseAlias: 'c',
    from: `SELECT c.id AS id, c.opened_at AS at, c.account_id AS account_id, c.id AS case_id,
        json_object('status', c.status, 'bucket', c.bucket, 'dpd', c.dpd, 'overdueAtOpenMinor', c.overdue_at_open,
          'currency', c.currency) AS data
      FROM cases c WHERE c.tenant_id = ?1 AND c.customer_id = ?2`,
  },
  {
    kind: 'case.ended',
    at: 'c.ended_at',
    id: 'c.id',
    caseAlias: 'c',
    from: `SELECT c.id AS id, c.ended_at AS at, c.account_id AS account_id, c.id AS case_id,
        json_object('status', c.status) AS data
      FROM cases c WHERE c.tenant_id = ?1 AND c.customer_id = ?2 AND c.ended_at IS NOT NULL`,
  },
  {
    kind: 'visit',
    at: 'COALESCE(o.recorded_at, v.checked_in_at, v.window_start, v.created_at)',
    id: 'v.id',
    caseAlias: 'c',
    from: `SELECT v.id AS id, COALESCE(o.recorded_at, v.checked_in_at, v.window_start, v.created_at) AS at,
        c.account_id AS account_id, v.case_id AS case_id,
        json_object('purpose', v.purpose, 'status', v.status, 'agentIds', json(v.agent_ids),
          'windowStart', v.window_start, 'windowEnd', v.window_end, 'checkedInAt', v.checked_in_at,
          'outcome', CASE WHEN o.visit_id IS NULL THEN NULL ELSE json_object(
            'recordedAt', o.recorded_at, 'contactResult', o.contact_result, 'hardshipReasons', json(o.hardship),
            'willingness', o.willingness, 'abilityPerMonthMinor', o.ability_per_month, 'satisfaction', o.satisfaction,
            'promise', json(o.promise), 'notes', o.notes) END) AS data
      FROM visits v JOIN cases c ON c.tenant_id = v.tenant_id AND c.id = v.case_id
      LEFT JOIN visit_outcomes o ON o.visit_id = v.id
      WHERE c.tenant_id = ?1 AND c.customer_id = ?2`,
  },
  {
    kind: 'contact',
    at: 'ct.at',
    id: 'ct.id',
    caseAlias: 'c',
    from: `SELECT ct.id AS id, ct.at AS at, c.account_id AS account_id, ct.case_id AS case_id,
        json_object('channel', ct.channel, 'reached', json(CASE WHEN ct.reached THEN 'true' ELSE 'false' END)) AS data
      FROM contact_attempts ct JOIN cases c ON c.tenant_id = ct.tenant_id AND c.id = ct.case_id
      WHERE ct.tenant_id = ?1 AND ct.customer_id = ?2`,
  },
  {
    kind: 'promise',
    at: 'p.created_at',
    id: 'p.id',
    caseAlias: 'c',
    from: `SELECT p.id AS id, p.created_at AS at, c.account_id AS account_id, p.case_id AS case_id,
        json_object('amountMinor', p.amount, 'currency', p.currency, 'promisedDate', p.promised_date,
          'status', p.status, 'paidMinor', p.paid, 'visitId', p.visit_id) AS data
      FROM promises p JOIN cases c ON c.tenant_id = p.tenant_id AND c.id = p.case_id
      WHERE c.tenant_id = ?1 AND c.customer_id = ?2`,
  },
  {
    kind: 'repayment-plan',
    at: 'rp.proposed_at',
    id: 'rp.id',
    caseAlias: 'c',
    from: `SELECT rp.id AS id, rp.proposed_at AS at, c.account_id AS account_id, rp.case_id AS case_id,
        json_object('status', rp.status, 'totalMinor', rp.total, 'waivedMinor', rp.waived, 'currency', rp.currency,
          'termMonths', rp.term_months, 'hardship', json(CASE WHEN rp.hardship THEN 'true' ELSE 'false' END),
          'acceptedAt', rp.accepted_at) AS data
      FROM repayment_plans rp JOIN cases c ON c.tenant_id = rp.tenant_id AND c.id = rp.case_id
      WHERE c.tenant_id = ?1 AND c.customer_id = ?2`,
  },
  {
    kind: 'lesson',
    at: 'la.assigned_at',
    id: 'la.id',
    caseAlias: 'c',
    from: `SELECT la.id AS id, la.assigned_at AS at, c.account_id AS account_id, la.case_id AS case_id,
        json_object('lessonId', la.lesson_id, 'lessonVersion', la.lesson_version, 'language', la.language,
          'source', la.source, 'startedAt', la.started_at, 'completedAt', la.completed_at,
          'quizCorrect', la.quiz_correct, 'quizTotal', la.quiz_total) AS data
      FROM lesson_assignments la JOIN cases c ON c.tenant_id = la.tenant_id AND c.id = la.case_id
      WHERE la.tenant_id = ?1 AND la.customer_id = ?2`,
  },
];

/** The cases of the customer an agency or agent key may see (the others see them all). */
function visibleCase(auth: AuthContext, alias: string): string {
  switch (auth.role) {
    case 'agency':
      return ` AND ${alias}.agency_id = ?3`;
    case 'agent':
      return ` AND ${alias}.id IN (SELECT v2.case_id FROM visit_agents va JOIN visits v2 ON v2.tenant_id = va.tenant_id AND v2.id = va.visit_id
        WHERE va.tenant_id = ?1 AND va.agent_id = ?3)`;
    default:
      return '';
  }
}

/** An account is visible to an agency or agent key through a case of it they may see. */
const visibleAccount = (auth: AuthContext, alias: string): string =>
  auth.role === 'agency' || auth.role === 'agent'
    ? ` AND EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = ?1 AND c.account_id = ${alias}.id${visibleCase(auth, 'c')})`
    : '';

const KIND_ORDER = new Map(TIMELINE_KINDS.map((kind, i) => [kind, i]));

/** Strictly after the cursor in `(at, kind, id)` descending order, for an arm of one kind. */
function afterCursor(kind: TimelineKind, at: string, id: string, cursor: TimelineCursor | null): string {
  if (cursor === null) return '';
  const [, cursorKind] = cursor;
  const mine = KIND_ORDER.get(kind)!;
  const theirs = KIND_ORDER.get(cursorKind)!;
  const tie = mine < theirs ? '1' : mine > theirs ? '0' : `${id} < ?5`;
  return ` AND (${at} < ?4 OR (${at} = ?4 AND ${tie}))`;
}

/** Delinquency snapshots are dated by local business day; the timeline places each at the start of its day. */
function snapshotArm(auth: AuthContext, zone: string, cursor: TimelineCursor | null) {
  let keyset = '';
  const binds: (string | null)[] = [null, null];
  if (cursor !== null) {
    const [at, cursorKind] = cursor;
    // Days that start before the cursor's instant come after it; a day starting exactly then is a tie.
    binds[0] = localDateAt(new Date(at - 1).toISOString(), zone);
    const day = localDateAt(new Date(at).toISOString(), zone);
    binds[1] = Date.parse(startOfLocalDay(day, zone)) === at ? day : null;
    const mine = KIND_ORDER.get('delinquency.snapshot')!;
    const theirs = KIND_ORDER.get(cursorKind)!;
    const tie =
      mine < theirs ? '1' : mine > theirs ? '0' : `s.account_id || ':' || printf('%010d', s.sequence) < ?5`;
    keyset = ` AND (s.as_of <= ?7 OR (s.as_of = ?8 AND ${tie}))`;
  }
  return {
    sql: `SELECT s.account_id || ':' || printf('%010d', s.sequence) AS id, s.as_of AS as_of, s.account_id AS account_id,
        NULL AS case_id,
        json_object('asOf', s.as_of, 'sequence', s.sequence, 'dpd', s.dpd, 'bucket', s.bucket,
          'overdueMinor', s.overdue_principal + s.overdue_interest + s.overdue_fees, 'currency', s.currency) AS data
      FROM delinquency_snapshots s JOIN accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
      WHERE a.tenant_id = ?1 AND a.customer_id = ?2${visibleAccount(auth, 'a')}${keyset}
      ORDER BY s.as_of DESC, s.account_id DESC, s.sequence DESC LIMIT ?6`,
    binds,
  };
}

type RawRow = {
  id: string;
  at?: number;
  as_of?: string;
  account_id: string | null;
  case_id: string | null;
  data: string;
};

/**
 * One page of a customer's timeline after `cursor`, newest first: `limit + 1` rows, so the caller can
 * tell whether another page follows. The customer's visibility is the caller's check.
 */
export async function customerTimeline(
  d1: D1Database,
  auth: AuthContext,
  input: { customerId: string; zone: string; limit: number; cursor: TimelineCursor | null },
): Promise<TimelineRow[]> {
  const { cursor, limit } = input;
  const scope =
    auth.role === 'agency' ? (auth.agencyId ?? '') : auth.role === 'agent' ? (auth.agentId ?? '') : null;
  const common = [
    auth.tenantId,
    input.customerId,
    scope,
    cursor?.[0] ?? null,
    cursor?.[2] ?? null,
    limit + 1,
  ];
  const statements = ARMS.map((arm) => {
    const visible = arm.caseAlias
      ? visibleCase(auth, arm.caseAlias)
      : visibleAccount(auth, arm.accountAlias!);
    return d1
      .prepare(
        `${arm.from}${visible}${afterCursor(arm.kind, arm.at, arm.id, cursor)} ORDER BY ${arm.at} DESC, ${arm.id} DESC LIMIT ?6`,
      )
      .bind(...common);
  });
  const snapshots = snapshotArm(auth, input.zone, cursor);
  // ?7 and ?8 exist only with a cursor, and D1 refuses more bindings than a statement has.
  statements.push(d1.prepare(snapshots.sql).bind(...common, ...(cursor ? snapshots.binds : [])));
  const results = await d1.batch<RawRow>(statements);
  const kinds: TimelineKind[] = [...ARMS.map((arm) => arm.kind), 'delinquency.snapshot'];
  const rows = results.flatMap((result, i) =>
    result.results.map((row) => ({
      kind: kinds[i]!,
      at: row.at ?? Date.parse(startOfLocalDay(row.as_of!, input.zone)),
      id: row.id,
      accountId: row.account_id,
      caseId: row.case_id,
      data: JSON.parse(row.data) as Record<string, unknown>,
    })),
  );
  return rows.sort(compareDescending).slice(0, limit + 1);
}

function compareDescending(a: TimelineRow, b: TimelineRow): number {
  if (a.at !== b.at) return b.at - a.at;
  const kinds = KIND_ORDER.get(b.kind)! - KIND_ORDER.get(a.kind)!;
  if (kinds !== 0) return kinds;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export const timelineKeyOf = (row: TimelineRow): TimelineCursor => [row.at, row.kind, row.id];
