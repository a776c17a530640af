import { bucketOf, type Case, type CaseEvent, owedAfter, paidAgainst, transition } from '@doorstep/core';
import type { IntakeEvent, IntakeEventOf, IntakeEventType } from './events';
import type {
  AccountRow,
  CaseRow,
  CustomerRow,
  IntakeRefs,
  IntakeState,
  ParkedEvent,
  PaymentRow,
  RegionRow,
  SnapshotRow,
  StatementRow,
} from './state';

/** The clock and id source of the shell; the reducer reads neither itself, so a reduction replays exactly. */
export interface IntakeContext {
  now: number;
  newId: (prefix: 'cus' | 'acc' | 'case' | 'pay') => string;
}

/**
 * What became of one event: `applied` changed state; `duplicate` was already known; `stale` is older
 * than what is known (a snapshot is still kept as history); `parked` waits for its account's first snapshot.
 */
export type EventOutcome = 'applied' | 'duplicate' | 'stale' | 'parked';

export interface IntakeWrites {
  customers: { insert: CustomerRow[]; update: CustomerRow[] };
  accounts: { insert: AccountRow[]; update: AccountUpdate[] };
  cases: { insert: CaseRow[]; update: CaseRow[] };
  /** Inserted if `(account, sequence)` is new; history is never rewritten. */
  snapshots: SnapshotRow[];
  payments: PaymentRow[];
  /** Upserted where the stored statement of the month is older (by source time) or missing. */
  statements: StatementRow[];
  /** Written only where `riskAsOf` is later than the stored one, so concurrent updates also converge. */
  regions: RegionRow[];
  park: ParkedEvent[];
  unpark: { accountRef: string; eventKey: string }[];
  /** Cases that ended: their pending follow-up timers and the visits not yet made are cancelled. */
  endedCases: string[];
  /** Regions whose risk changed: every open case there needs screening again. */
  rescreenRegions: string[];
}

/** An account row to write only if its sequence and status are still those the reducer read. */
export type AccountUpdate = AccountRow & { readSequence: number | null; readStatus: AccountRow['status'] };

export interface IntakeReduction {
  outcomes: EventOutcome[];
  writes: IntakeWrites;
}

/** Stored region ids are the bank's region code under the core's `reg_` prefix, so no lookup is needed. */
export const regionIdOf = (regionCode: string) => `reg_${regionCode}`;

const ACTIVE_STATUSES = new Set(['open', 'screened', 'planned', 'visited', 'in_follow_up']);

/** Every ref a list of events names, for the shell to read before reducing (parked events included). */
export function refsOf(events: readonly IntakeEvent[]): IntakeRefs {
  const customerRefs = new Set<string>();
  const accountRefs = new Set<string>();
  const paymentRefs = new Set<string>();
  const regionIds = new Set<string>();
  const statementPeriods = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case 'customer.upserted':
        customerRefs.add(event.data.customerRef);
        if (event.data.regionCode) regionIds.add(regionIdOf(event.data.regionCode));
        break;
      case 'customer.flags_changed':
        customerRefs.add(event.data.customerRef);
        break;
      case 'account.delinquency_updated':
        customerRefs.add(event.data.customerRef);
        accountRefs.add(event.data.accountRef);
        break;
      case 'payment.received':
        accountRefs.add(event.data.accountRef);
        paymentRefs.add(event.data.paymentRef);
        break;
      case 'account.closed':
        accountRefs.add(event.data.accountRef);
        break;
      case 'region.risk_updated':
        regionIds.add(regionIdOf(event.data.regionCode));
        break;
      case 'account.statement_issued':
        customerRefs.add(event.data.customerRef);
        accountRefs.add(event.data.accountRef);
        statementPeriods.add(event.data.period);
        break;
    }
  }
  const refs: IntakeRefs = {
    customerRefs: [...customerRefs],
    accountRefs: [...accountRefs],
    paymentRefs: [...paymentRefs],
    regionIds: [...regionIds],
  };
  if (statementPeriods.size > 0) refs.statementPeriods = [...statementPeriods];
  return refs;
}

/** Payments replayed from parking carry the key they were parked under. */
export const parkKeyOf = (event: IntakeEventOf<'payment.received'> | IntakeEventOf<'account.closed'>) =>
  event.type === 'payment.received' ? `payment:${event.data.paymentRef}` : 'closed';

const ms = (iso: string) => Date.parse(iso);

/**
 * Of one account's cases, the one whose figures follow the account (its latest snapshot and the
 * payments since): the open case if any, else the most recently opened one. Earlier episodes keep the
 * figures they ended with.
 */
export function mirroringCase<C extends { openedAt: number; endedAt: number | null }>(
  casesOfAccount: readonly C[],
): C | undefined {
  let latest: C | undefined;
  for (const c of casesOfAccount) {
    if (c.endedAt === null) return c;
    if (!latest || c.openedAt > latest.openedAt) latest = c;
  }
  return latest;
}

/** When payments, taken in the order they were paid, first add up to `owed`. */
function paidOffAt(payments: readonly PaymentRow[], owed: number): number {
  let paid = 0;
  const ordered = [...payments].sort(
    (a, b) => a.paidAt - b.paidAt || (a.externalRef < b.externalRef ? -1 : 1),
  );
  for (const payment of ordered) {
    paid += payment.amount;
    if (paid >= owed) return payment.paidAt;
  }
  return ordered.at(-1)?.paidAt ?? Number.NaN;
}

/**
 * Applies events, in order, to the state the shell read, and says which rows to write and what else
 * must happen (timers to cancel, regions to re-screen). The rules that make any delivery order converge:
 * - a customer's profile and its flags are each last-writer-wins by the source's `occurredAt`;
 * - an account follows the snapshot with the highest `sequence`; older ones are kept as history only;
 * - payments after the latest snapshot's `asOf` count against its overdue total; when nothing is left
 *   (or a snapshot shows DPD 0) the case is cured, and a closure closes it — closure is final;
 * - a customer that is not known yet is created as a stub (empty name, source time 0) that the real
 *   `customer.upserted` fills in; a payment or closure for an unknown account is parked and replayed
 *   when the account's first snapshot arrives;
 * - a case opens on the first delinquent state and its opening moves back to an older delinquent
 *   snapshot that arrives late, as long as no current snapshot lies between them; a late delinquent
 *   snapshot no case covers, followed by a current one, is recorded as a past, cured episode;
 * - a cure counted on payments is undone when a snapshot taken before them arrives and still shows debt.
 *
 * @example
 * const { outcomes, writes } = reduceIntake(await readState(refsOf(events)), events, { now, newId });
 */
export function reduceIntake(
  state: IntakeState,
  events: readonly IntakeEvent[],
  ctx: IntakeContext,
): IntakeReduction {
  const customers = new Map(state.customers.map((c) => [c.externalRef, { ...c }]));
  const accounts = new Map(state.accounts.map((a) => [a.externalRef, { ...a }]));
  const accountsAsRead = new Map(state.accounts.map((a) => [a.id, a]));
  const cases = state.cases.map((c) => ({ ...c }));
  const payments = [...state.payments];
  const paymentRefs = new Set(payments.map((p) => p.externalRef));
  const regions = new Map(state.regions.map((r) => [r.id, { ...r }]));
  const currentSnapshots = state.currentSnapshots.map((c) => ({ ...c }));
  /** The nearest snapshot showing the account current before / after a sequence: the bounds of an episode. */
  const currentBefore = (accountId: string, sequence: number) =>
    currentSnapshots.reduce(
      (best, c) => (c.accountId === accountId && c.sequence < sequence ? Math.max(best, c.sequence) : best),
      -1,
    );
  const currentAfter = (accountId: string, sequence: number) =>
    currentSnapshots
      .filter((c) => c.accountId === accountId && c.sequence > sequence)
      .sort((a, b) => a.sequence - b.sequence)[0];
  const storedParked = new Map(state.parked.map((p) => [`${p.accountRef}\u0000${p.eventKey}`, p]));
  const newParked = new Map<string, ParkedEvent>();

  const dirtyCustomers = new Set<CustomerRow>();
  const dirtyAccounts = new Set<AccountRow>();
  const dirtyCases = new Set<CaseRow>();
  const writes: IntakeWrites = {
    customers: { insert: [], update: [] },
    accounts: { insert: [], update: [] },
    cases: { insert: [], update: [] },
    snapshots: [],
    payments: [],
    statements: [],
    regions: [],
    park: [],
    unpark: [],
    endedCases: [],
    rescreenRegions: [],
  };

  const casesOfAccount = (accountId: string) => cases.filter((c) => c.accountId === accountId);
  const latestCase = (accountId: string): CaseRow | undefined => mirroringCase(casesOfAccount(accountId));

  /** A change to an open case's inputs makes its last screening stale; the screening run picks it up again. */
  const touchCase = (c: CaseRow) => {
    dirtyCases.add(c);
    if (ACTIVE_STATUSES.has(c.status)) {
      c.eligible = null;
      c.priority = null;
      c.lastScreenedAt = null;
    }
  };

  const ensureCustomer = (ref: string): CustomerRow => {
    let customer = customers.get(ref);
    if (!customer) {
      customer = {
        id: ctx.newId('cus'),
        externalRef: ref,
        name: '',
        phone: null,
        email: null,
        addressLine: null,
        lat: null,
        lon: null,
        regionId: null,
        timeZone: null,
        language: null,
        householdNotes: null,
        flags: {},
        creditHistory: {},
        sourceUpdatedAt: 0,
        flagsUpdatedAt: 0,
        version: 0,
      };
      customers.set(ref, customer);
      dirtyCustomers.add(customer);
    }
    return customer;
  };

  /** An account first heard of: current, nothing applied yet, until its events say otherwise. */
  const newAccount = (
    externalRef: string,
    customerId: string,
    kind: AccountRow['kind'],
    terms: { product: string; currency: string; limitOrPrincipalMinor: number },
  ): AccountRow => ({
    id: ctx.newId('acc'),
    externalRef,
    customerId,
    kind,
    product: terms.product,
    currency: terms.currency,
    limitOrPrincipal: terms.limitOrPrincipalMinor,
    status: 'current',
    lastSequence: null,
    lastAsOf: null,
    dpd: 0,
    overdueTotal: 0,
    outstandingBalance: 0,
  });

  const newCase = (account: AccountRow, regionId: string | null): CaseRow => ({
    id: ctx.newId('case'),
    customerId: account.customerId,
    accountId: account.id,
    status: 'open',
    bucket: bucketOf(account.dpd),
    dpd: account.dpd,
    overdueTotal: account.overdueTotal,
    overdueAtOpen: account.overdueTotal,
    currency: account.currency,
    regionId,
    eligible: null,
    priority: null,
    lastScreenedAt: null,
    openSequence: account.lastSequence,
    openedAt: account.lastAsOf === null ? 0 : ms(account.lastAsOf),
    endedAt: null,
    version: 0,
  });

  const endCase = (c: CaseRow, type: 'closed' | 'paid_in_full', endedAt: number) => {
    const event: CaseEvent = { type, at: new Date(endedAt).toISOString() };
    const core: Case = {
      id: c.id as Case['id'],
      customerId: c.customerId as Case['customerId'],
      accountId: c.accountId as Case['accountId'],
      status: c.status,
      openedAt: new Date(c.openedAt).toISOString(),
      updatedAt: event.at,
    };
    const moved = transition(core, event);
    // A status the core machine does not end from (e.g. escalated) keeps the case as it is: the
    // account's own status still says it is current or closed.
    if (!moved.ok) return;
    c.status = moved.value.status;
    c.endedAt = endedAt;
    dirtyCases.add(c);
    writes.endedCases.push(c.id);
  };

  /** Recomputes an account's status and its case from its latest snapshot, later payments and closure. */
  const settle = (account: AccountRow, closedAt?: number) => {
    const since = account.lastAsOf === null ? Number.NEGATIVE_INFINITY : ms(account.lastAsOf);
    const later = paidAgainst(
      { asOfMs: since, currency: account.currency },
      payments.filter((p) => p.accountId === account.id),
      (p) => ({ atMs: p.paidAt, currency: p.currency }),
    );
    const paid = later.reduce((sum, p) => sum + p.amount, 0);
    const remaining = owedAfter(account.overdueTotal, paid);
    const status =
      account.status === 'closed' || closedAt !== undefined
        ? 'closed'
        : account.dpd > 0 && remaining > 0
          ? 'delinquent'
          : 'current';
    if (status !== account.status) {
      account.status = status;
      dirtyAccounts.add(account);
    }

    let current = latestCase(account.id);
    if (
      status === 'delinquent' &&
      current?.status === 'cured' &&
      current.endedAt !== null &&
      since < current.endedAt
    ) {
      // The payments that cured it were counted against an older snapshot; this one, taken before the
      // cure, still shows debt. The cure was premature: the same episode goes on, re-screened from `open`.
      current.status = 'open';
      current.endedAt = null;
    }
    if (status === 'delinquent' && (!current || current.endedAt !== null)) {
      const customer = [...customers.values()].find((c) => c.id === account.customerId);
      current = {
        ...newCase(account, customer?.regionId ?? null),
        overdueTotal: remaining,
        openSequence: account.lastSequence,
        openedAt: since,
      };
      cases.push(current);
    }
    if (!current) return;
    current.dpd = account.dpd;
    current.bucket = bucketOf(account.dpd);
    current.overdueTotal = remaining;
    touchCase(current);
    // Cured by payments: the instant the payments, in paid order, covered the latest overdue total. Taken
    // from all payments known now, so an earlier payment arriving late moves it to the same place.
    // Cured by a snapshot: the first current snapshot after the episode opened, wherever it came in.
    const curedSnapshot = currentAfter(account.id, current.openSequence ?? -1);
    const curedAt =
      account.dpd > 0
        ? paidOffAt(later, account.overdueTotal)
        : curedSnapshot
          ? ms(curedSnapshot.asOf)
          : since;
    if (current.status === 'cured' && status === 'current') current.endedAt = curedAt;
    if (current.endedAt !== null || status === 'delinquent') return;
    if (status === 'closed') endCase(current, 'closed', closedAt ?? since);
    else endCase(current, 'paid_in_full', curedAt);
  };

  const applyPayment = (event: IntakeEventOf<'payment.received'>, account: AccountRow): EventOutcome => {
    const { data } = event;
    if (paymentRefs.has(data.paymentRef)) return 'duplicate';
    const payment: PaymentRow = {
      id: ctx.newId('pay'),
      accountId: account.id,
      caseId: latestCase(account.id)?.id ?? null,
      externalRef: data.paymentRef,
      amount: data.amountMinor,
      currency: data.currency,
      paidAt: ms(data.paidAt),
    };
    payments.push(payment);
    paymentRefs.add(data.paymentRef);
    writes.payments.push(payment);
    settle(account);
    return 'applied';
  };

  const applyClosed = (event: IntakeEventOf<'account.closed'>, account: AccountRow): EventOutcome => {
    if (account.status === 'closed') return 'duplicate';
    settle(account, ms(event.data.closedAt));
    return 'applied';
  };

  /** Parks an event whose account is unknown; the same logical event parked twice is one row. */
  const park = (event: IntakeEventOf<'payment.received'> | IntakeEventOf<'account.closed'>): EventOutcome => {
    const parked = { accountRef: event.data.accountRef, eventKey: parkKeyOf(event), event };
    const key = `${parked.accountRef}\u0000${parked.eventKey}`;
    if (storedParked.has(key) || newParked.has(key)) return 'duplicate';
    newParked.set(key, parked);
    return 'parked';
  };

  /** Replays what waited for this account, payments first so a closure sees them. */
  const replayParked = (account: AccountRow) => {
    const waiting = [...storedParked.values(), ...newParked.values()]
      .filter((p) => p.accountRef === account.externalRef)
      .sort((a, b) => (a.eventKey === 'closed' ? 1 : 0) - (b.eventKey === 'closed' ? 1 : 0));
    for (const parked of waiting) {
      const key = `${parked.accountRef}\u0000${parked.eventKey}`;
      if (storedParked.delete(key))
        writes.unpark.push({ accountRef: parked.accountRef, eventKey: parked.eventKey });
      newParked.delete(key);
      if (parked.event.type === 'payment.received') applyPayment(parked.event, account);
      else if (parked.event.type === 'account.closed') applyClosed(parked.event, account);
    }
  };

  const applySnapshot = (event: IntakeEventOf<'account.delinquency_updated'>): EventOutcome => {
    const { data } = event;
    const customer = ensureCustomer(data.customerRef);
    let account = accounts.get(data.accountRef);
    if (account && account.lastSequence === data.sequence) return 'duplicate';
    const overdueTotal = data.overduePrincipalMinor + data.overdueInterestMinor + data.overdueFeesMinor;
    const asOf = new Date(data.asOf).toISOString();
    const isNew = !account;
    if (!account) {
      account = newAccount(data.accountRef, customer.id, data.kind, data);
      accounts.set(data.accountRef, account);
    }
    writes.snapshots.push({
      accountId: account.id,
      sequence: data.sequence,
      asOf,
      dpd: data.dpd,
      overduePrincipal: data.overduePrincipalMinor,
      overdueInterest: data.overdueInterestMinor,
      overdueFees: data.overdueFeesMinor,
      outstandingBalance: data.outstandingBalanceMinor,
      currency: data.currency,
      bucket: bucketOf(data.dpd),
    });
    if (
      data.dpd === 0 &&
      !currentSnapshots.some((c) => c.accountId === account.id && c.sequence === data.sequence)
    )
      currentSnapshots.push({ accountId: account.id, sequence: data.sequence, asOf });

    if (account.lastSequence !== null && data.sequence < account.lastSequence) {
      if (data.dpd > 0) placeOlderSnapshot(account, data.sequence, asOf, overdueTotal);
      return 'stale';
    }
    Object.assign(account, {
      customerId: customer.id,
      kind: data.kind,
      product: data.product,
      currency: data.currency,
      limitOrPrincipal: data.limitOrPrincipalMinor,
      lastSequence: data.sequence,
      lastAsOf: asOf,
      dpd: data.dpd,
      overdueTotal,
      outstandingBalance: data.outstandingBalanceMinor,
    });
    dirtyAccounts.add(account);
    settle(account);
    if (isNew) replayParked(account);
    return 'applied';
  };

  /**
   * A late older delinquent snapshot belongs to the episode between the current snapshots around it:
   * if that episode has a case, the case really opened here; if it has none, the episode began and
   * ended before Doorstep heard of it, and is recorded as the bank lived it, already cured.
   */
  const placeOlderSnapshot = (account: AccountRow, sequence: number, asOf: string, overdue: number) => {
    const from = currentBefore(account.id, sequence);
    const until = currentAfter(account.id, sequence);
    const episode = casesOfAccount(account.id).find(
      (c) => c.openSequence !== null && c.openSequence > from && (!until || c.openSequence < until.sequence),
    );
    if (episode) {
      if (episode.openSequence !== null && sequence < episode.openSequence) {
        episode.openSequence = sequence;
        episode.openedAt = ms(asOf);
        episode.overdueAtOpen = overdue;
        touchCase(episode);
      }
      return;
    }
    if (!until) return;
    const customer = [...customers.values()].find((c) => c.id === account.customerId);
    const past: CaseRow = {
      ...newCase(account, customer?.regionId ?? null),
      status: 'cured',
      bucket: 'current',
      dpd: 0,
      overdueTotal: 0,
      overdueAtOpen: overdue,
      openSequence: sequence,
      openedAt: ms(asOf),
      endedAt: ms(until.asOf),
    };
    cases.push(past);
    dirtyCases.add(past);
  };

  const applyCustomer = (event: IntakeEventOf<'customer.upserted'>): EventOutcome => {
    const { data } = event;
    const customer = ensureCustomer(data.customerRef);
    const at = ms(event.occurredAt);
    if (at <= customer.sourceUpdatedAt) return at === customer.sourceUpdatedAt ? 'duplicate' : 'stale';
    Object.assign(customer, {
      name: data.name,
      phone: data.phone ?? null,
      email: data.email ?? null,
      addressLine: data.address?.line ?? null,
      lat: data.address?.lat ?? null,
      lon: data.address?.lon ?? null,
      regionId: data.regionCode ? regionIdOf(data.regionCode) : null,
      timeZone: data.timeZone ?? null,
      language: data.language ?? null,
      householdNotes: data.householdNotes ?? null,
      creditHistory: data.creditHistory ?? {},
      sourceUpdatedAt: at,
    });
    dirtyCustomers.add(customer);
    for (const c of cases)
      if (c.customerId === customer.id) {
        c.regionId = customer.regionId;
        touchCase(c);
      }
    return 'applied';
  };

  const applyFlags = (event: IntakeEventOf<'customer.flags_changed'>): EventOutcome => {
    const customer = ensureCustomer(event.data.customerRef);
    const at = ms(event.occurredAt);
    if (at <= customer.flagsUpdatedAt) return at === customer.flagsUpdatedAt ? 'duplicate' : 'stale';
    customer.flags = event.data.flags;
    customer.flagsUpdatedAt = at;
    dirtyCustomers.add(customer);
    for (const c of cases) if (c.customerId === customer.id && c.endedAt === null) touchCase(c);
    return 'applied';
  };

  const applyRegion = (event: IntakeEventOf<'region.risk_updated'>): EventOutcome => {
    const { data } = event;
    const id = regionIdOf(data.regionCode);
    const riskAsOf = new Date(data.asOf).toISOString();
    const known = regions.get(id);
    if (known && riskAsOf <= known.riskAsOf) return riskAsOf === known.riskAsOf ? 'duplicate' : 'stale';
    const region = { id, name: data.name, riskScore: data.riskScore, riskAsOf };
    regions.set(id, region);
    writes.regions.push(region);
    if (!writes.rescreenRegions.includes(id)) writes.rescreenRegions.push(id);
    return 'applied';
  };

  const statementSourceAt = new Map(
    (state.statements ?? []).map((s) => [`${s.accountId}\u0000${s.period}`, s.sourceAt]),
  );
  const newStatements = new Map<string, StatementRow>();

  /**
   * A statement is history for the early-warning model, not a delinquency state: it never opens or
   * ends a case. An account first known by its statement is created current; a later delinquency
   * snapshot takes it over as usual, and payments parked for it are replayed now.
   */
  const applyStatement = (event: IntakeEventOf<'account.statement_issued'>): EventOutcome => {
    const { data } = event;
    const customer = ensureCustomer(data.customerRef);
    let account = accounts.get(data.accountRef);
    const isNew = !account;
    if (!account) {
      account = {
        ...newAccount(data.accountRef, customer.id, 'credit_card', {
          product: data.product,
          currency: data.currency,
          limitOrPrincipalMinor: data.limitMinor,
        }),
        outstandingBalance: Math.max(0, data.balanceMinor),
      };
      accounts.set(data.accountRef, account);
      dirtyAccounts.add(account);
    }
    const sourceAt = ms(event.occurredAt);
    const key = `${account.id}\u0000${data.period}`;
    const known = statementSourceAt.get(key);
    if (known !== undefined && sourceAt <= known) return sourceAt === known ? 'duplicate' : 'stale';
    statementSourceAt.set(key, sourceAt);
    newStatements.set(key, {
      accountId: account.id,
      period: data.period,
      currency: data.currency,
      limit: data.limitMinor,
      balance: data.balanceMinor,
      minimumDue: data.minimumDueMinor,
      payment: data.paymentMinor,
      status: data.status,
      monthsLate: data.monthsLate ?? 0,
      sourceAt,
    });
    if (isNew) replayParked(account);
    return 'applied';
  };

  const handlers: { [T in IntakeEventType]: (event: IntakeEventOf<T>) => EventOutcome } = {
    'customer.upserted': applyCustomer,
    'customer.flags_changed': applyFlags,
    'account.delinquency_updated': applySnapshot,
    'payment.received': (event) => {
      const account = accounts.get(event.data.accountRef);
      return account ? applyPayment(event, account) : park(event);
    },
    'account.closed': (event) => {
      const account = accounts.get(event.data.accountRef);
      return account ? applyClosed(event, account) : park(event);
    },
    'region.risk_updated': applyRegion,
    'account.statement_issued': applyStatement,
  };
  // The mapped type pairs each type with its handler, so this indexed call is total.
  const outcomes = events.map((event) =>
    (handlers[event.type] as (event: IntakeEvent) => EventOutcome)(event),
  );

  for (const c of dirtyCustomers)
    (c.version === 0 ? writes.customers.insert : writes.customers.update).push(c);
  for (const a of dirtyAccounts) {
    const read = accountsAsRead.get(a.id);
    if (read) writes.accounts.update.push({ ...a, readSequence: read.lastSequence, readStatus: read.status });
    else writes.accounts.insert.push(a);
  }
  for (const c of dirtyCases) (c.version === 0 ? writes.cases.insert : writes.cases.update).push(c);
  writes.park = [...newParked.values()];
  writes.statements = [...newStatements.values()];
  return { outcomes, writes };
}
