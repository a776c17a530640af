/**
 * The D1 schema for the whole Doorstep model.
 *
 * Conventions: every row carries `tenant_id` and every index that serves a list starts with it, so no
 * query can be written without a tenant scope and none scans another bank's rows. Instants are integer
 * epoch milliseconds (UTC) so range scans use an index; local calendar dates are `YYYY-MM-DD` text.
 * Money is integer minor units next to an ISO currency. Structured, rarely-filtered data (flags,
 * reasons, dossiers) is JSON text; anything a query filters or sorts on is a real column.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

const instant = (name: string) => integer(name, { mode: 'number' });
const money = (name: string) => integer(name, { mode: 'number' });
const json = (name: string) => text(name, { mode: 'json' });

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  currency: text('currency').notNull(),
  jurisdiction: text('jurisdiction').notNull(),
  settings: json('settings').notNull().default(sql`'{}'`),
  createdAt: instant('created_at').notNull(),
});

/**
 * People who sign in through Cloudflare Access (the console's production path): the e-mail of the
 * verified Access identity, mapped to a tenant and a role like an API key's (see docs/console.md).
 */
export const accessMembers = sqliteTable(
  'access_members',
  {
    /** Lower-cased, as compared with the Access token's `email` claim. */
    email: text('email').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    role: text('role', { enum: ['admin', 'supervisor', 'agent', 'agency', 'analyst'] }).notNull(),
    agencyId: text('agency_id'),
    agentId: text('agent_id'),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [index('access_members_tenant_idx').on(t.tenantId)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    /** SHA-256 of the whole key, hex; the key itself is shown once at creation and never stored. */
    keyHash: text('key_hash').notNull(),
    /** The first characters of the key, so an admin can tell keys apart without seeing them. */
    keyPrefix: text('key_prefix').notNull(),
    role: text('role', { enum: ['admin', 'supervisor', 'agent', 'agency', 'analyst'] }).notNull(),
    agencyId: text('agency_id'),
    agentId: text('agent_id'),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at'),
    revokedAt: instant('revoked_at'),
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash), index('api_keys_tenant_idx').on(t.tenantId)],
);

/**
 * Standard Webhooks signing secrets for core-banking intake; several may be active during a rotation.
 * Stored sealed (AES-GCM, `src/secrets/secret-box.ts`): `ciphertext` under key `key_id`. `secret` is a
 * plaintext one written before sealing existed or by a script without the key, until the cron seals it.
 */
export const intakeSecrets = sqliteTable(
  'intake_secrets',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    secret: text('secret'),
    ciphertext: text('ciphertext'),
    keyId: text('key_id'),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    index('intake_secrets_tenant_idx').on(t.tenantId),
    check('intake_secrets_one_form', sql`(${t.secret} IS NULL) <> (${t.ciphertext} IS NULL)`),
    check('intake_secrets_key_named', sql`(${t.ciphertext} IS NULL) = (${t.keyId} IS NULL)`),
  ],
);

export const regions = sqliteTable(
  'regions',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    riskScore: real('risk_score').notNull(),
    riskAsOf: text('risk_as_of').notNull(),
    centerLat: real('center_lat'),
    centerLon: real('center_lon'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const agencies = sqliteTable(
  'agencies',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('agencies_tenant_idx').on(t.tenantId)],
);

export const agents = sqliteTable(
  'agents',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    agencyId: text('agency_id'),
    name: text('name').notNull(),
    homeLat: real('home_lat').notNull(),
    homeLon: real('home_lon').notNull(),
    /** Local wall-clock shift in the tenant's zone, `HH:MM`. */
    shiftStart: text('shift_start').notNull(),
    shiftEnd: text('shift_end').notNull(),
    skills: json('skills').notNull().default(sql`'[]'`),
    languages: json('languages').notNull().default(sql`'[]'`),
    /** Region ids the agent covers; with `territory_areas`, where the planner may send them (none: anywhere). */
    territory: json('territory').notNull().default(sql`'[]'`),
    /** Areas the agent covers, each a polygon `[{ lat, lon }, …]`. */
    territoryAreas: json('territory_areas').notNull().default(sql`'[]'`),
    /** `senior` agents bring the skill `senior`; a policy may want one in every team. */
    seniority: text('seniority', { enum: ['junior', 'senior'] })
      .notNull()
      .default('junior'),
    dailyCapacity: integer('daily_capacity').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('agents_tenant_idx').on(t.tenantId, t.id)],
);

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** The core-banking customer number; intake addresses customers by it. */
    externalRef: text('external_ref').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    addressLine: text('address_line'),
    lat: real('lat'),
    lon: real('lon'),
    regionId: text('region_id'),
    /** The customer's own IANA zone when it differs from the tenant's (visiting hours are theirs). */
    timeZone: text('time_zone'),
    language: text('language'),
    householdNotes: text('household_notes'),
    flags: json('flags').notNull().default(sql`'{}'`),
    /** Source time of the last applied `customer.flags_changed`; flags are last-writer-wins apart from the profile. */
    flagsUpdatedAt: instant('flags_updated_at').notNull().default(0),
    creditHistory: json('credit_history').notNull().default(sql`'{}'`),
    /** The intake event time of the last applied upsert, so an older event never overwrites a newer one. */
    sourceUpdatedAt: instant('source_updated_at').notNull(),
    /** When the retention job erased the customer's personal data (all their cases past retention). */
    erasedAt: instant('erased_at'),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('customers_tenant_ref_uq').on(t.tenantId, t.externalRef),
    index('customers_tenant_id_idx').on(t.tenantId, t.id),
  ],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    customerId: text('customer_id').notNull(),
    externalRef: text('external_ref').notNull(),
    kind: text('kind', { enum: ['loan', 'credit_card'] }).notNull(),
    product: text('product').notNull(),
    currency: text('currency').notNull(),
    /** Credit limit for a card, original principal for a loan. */
    limitOrPrincipal: money('limit_or_principal').notNull(),
    status: text('status', { enum: ['current', 'delinquent', 'closed'] }).notNull(),
    lastSequence: integer('last_sequence'),
    lastAsOf: text('last_as_of'),
    dpd: integer('dpd').notNull().default(0),
    overdueTotal: money('overdue_total').notNull().default(0),
    /** Whole outstanding balance, overdue or not: the denominator of the amount-based overdue rate. */
    outstandingBalance: money('outstanding_balance').notNull().default(0),
    /** When the retention job replaced the account number (all the account's cases past retention). */
    erasedAt: instant('erased_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('accounts_tenant_ref_uq').on(t.tenantId, t.externalRef),
    index('accounts_customer_idx').on(t.tenantId, t.customerId),
  ],
);

/** Every snapshot ever received is kept; the account row only follows the one with the highest sequence. */
export const delinquencySnapshots = sqliteTable(
  'delinquency_snapshots',
  {
    tenantId: text('tenant_id').notNull(),
    accountId: text('account_id').notNull(),
    sequence: integer('sequence').notNull(),
    asOf: text('as_of').notNull(),
    dpd: integer('dpd').notNull(),
    overduePrincipal: money('overdue_principal').notNull(),
    overdueInterest: money('overdue_interest').notNull(),
    overdueFees: money('overdue_fees').notNull(),
    outstandingBalance: money('outstanding_balance').notNull().default(0),
    currency: text('currency').notNull(),
    bucket: text('bucket').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.accountId, t.sequence] }),
    // The cohort rollup job seeks an account's latest snapshot on or before a date, and its first cure.
    index('snapshots_as_of_idx').on(t.tenantId, t.accountId, t.asOf, t.sequence),
    index('snapshots_cured_idx').on(t.tenantId, t.accountId, t.asOf).where(sql`${t.dpd} = 0`),
  ],
);

export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    accountId: text('account_id').notNull(),
    caseId: text('case_id'),
    externalRef: text('external_ref').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    paidAt: instant('paid_at').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('payments_tenant_ref_uq').on(t.tenantId, t.externalRef),
    index('payments_case_idx').on(t.tenantId, t.caseId, t.paidAt),
    index('payments_time_idx').on(t.tenantId, t.paidAt),
    // Intake sums an account's payments after its latest snapshot to tell whether they cured it.
    index('payments_account_idx').on(t.tenantId, t.accountId, t.paidAt),
  ],
);

/** One delinquency episode of one account: opened when it goes overdue, ended when cured or closed. */
export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    customerId: text('customer_id').notNull(),
    accountId: text('account_id').notNull(),
    status: text('status').notNull(),
    bucket: text('bucket').notNull(),
    dpd: integer('dpd').notNull(),
    overdueTotal: money('overdue_total').notNull(),
    /** Overdue amount when the episode opened: the denominator of the recovery rate. */
    overdueAtOpen: money('overdue_at_open').notNull(),
    currency: text('currency').notNull(),
    regionId: text('region_id'),
    agencyId: text('agency_id'),
    eligible: integer('eligible', { mode: 'boolean' }),
    /** Priority from the screening policy (0–100 for `weighted-risk`); null until screened. */
    priority: real('priority'),
    lastScreenedAt: instant('last_screened_at'),
    /** Sequence of the earliest snapshot of this episode, so a late older snapshot can move the opening back. */
    openSequence: integer('open_sequence'),
    openedAt: instant('opened_at').notNull(),
    endedAt: instant('ended_at'),
    /** When the retention job erased the personal data of the case's visits and evidence. */
    erasedAt: instant('erased_at'),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('cases_tenant_priority_idx').on(t.tenantId, t.status, t.priority, t.id),
    index('cases_tenant_order_idx').on(t.tenantId, t.priority, t.id),
    index('cases_account_idx').on(t.tenantId, t.accountId, t.status),
    index('cases_customer_idx').on(t.tenantId, t.customerId),
    index('cases_agency_idx').on(t.tenantId, t.agencyId, t.priority, t.id),
    index('cases_region_idx').on(t.tenantId, t.regionId, t.priority, t.id),
    // Cases intake touched since their last screening: the cron finds them without scanning the table.
    // The predicate must stay the screening filter's `UNSCREENED`, or SQLite cannot use this index.
    // Ended cases not yet erased, in id order per tenant: what a retention chunk walks.
    index('cases_retention_idx')
      .on(t.tenantId, t.id, t.endedAt)
      .where(sql`${t.endedAt} IS NOT NULL AND ${t.erasedAt} IS NULL`),
    index('cases_unscreened_idx')
      .on(t.tenantId, t.id)
      .where(sql`${t.lastScreenedAt} IS NULL AND ${t.endedAt} IS NULL`),
    // Cures by time: the re-default cohorts and the after-cure relationship sweep range over it.
    index('cases_cured_idx').on(t.tenantId, t.endedAt).where(sql`${t.status} = 'cured'`),
  ],
);

export const screeningDecisions = sqliteTable(
  'screening_decisions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    policyVersion: integer('policy_version').notNull(),
    eligible: integer('eligible', { mode: 'boolean' }).notNull(),
    priority: real('priority'),
    reasons: json('reasons').notNull(),
    decidedAt: instant('decided_at').notNull(),
    /** The stored policy set (and experiment arm) that decided; see `DecidedBy`. */
    decidedBy: json('decided_by'),
  },
  (t) => [index('screening_case_idx').on(t.tenantId, t.caseId, t.decidedAt)],
);

/**
 * One `POST /v1/screenings`: which cases (a filter), under which policy version, and how far it got.
 * Large runs advance chunk by chunk on the queue; `after_case_id` is the keyset cursor a chunk must
 * still find to apply, so a redelivered chunk changes nothing.
 */
export const screeningRuns = sqliteTable(
  'screening_runs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    filter: json('filter').notNull(),
    policyVersion: integer('policy_version').notNull(),
    status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
    screened: integer('screened').notNull().default(0),
    eligible: integer('eligible').notNull().default(0),
    afterCaseId: text('after_case_id'),
    createdAt: instant('created_at').notNull(),
    completedAt: instant('completed_at'),
    /** When the last chunk committed: a running run that has not moved for a while lost its message. */
    progressedAt: instant('progressed_at'),
    /** When the cron last re-sent its message, so a stalled run is re-sent once per stall period. */
    nudgedAt: instant('nudged_at'),
  },
  (t) => [
    index('screening_runs_tenant_idx').on(t.tenantId, t.createdAt),
    index('screening_runs_running_idx').on(t.createdAt).where(sql`${t.status} = 'running'`),
  ],
);

/**
 * The daily retention job, one run per tenant and UTC day: the primary key makes starting it
 * idempotent; `after_case_id` is the keyset cursor a chunk must still find to apply.
 */
export const retentionRuns = sqliteTable(
  'retention_runs',
  {
    tenantId: text('tenant_id').notNull(),
    day: text('day').notNull(),
    status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
    /** Cases that ended at or before this instant are past the pack's retention period. */
    cutoff: instant('cutoff').notNull(),
    retentionYears: integer('retention_years').notNull(),
    afterCaseId: text('after_case_id'),
    erasedCases: integer('erased_cases').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    progressedAt: instant('progressed_at'),
    nudgedAt: instant('nudged_at'),
    completedAt: instant('completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.day] }),
    index('retention_runs_running_idx').on(t.createdAt).where(sql`${t.status} = 'running'`),
  ],
);

export const visitPlans = sqliteTable(
  'visit_plans',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    date: text('date').notNull(),
    regionId: text('region_id'),
    status: text('status', { enum: ['solving', 'draft', 'published', 'failed'] }).notNull(),
    agentIds: json('agent_ids').notNull(),
    unassigned: json('unassigned').notNull().default(sql`'[]'`),
    stats: json('stats').notNull().default(sql`'{}'`),
    createdAt: instant('created_at').notNull(),
    publishedAt: instant('published_at'),
    /** When the cron last re-sent its solve or preparation message (see `resendStalledWork`). */
    nudgedAt: instant('nudged_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('visit_plans_tenant_date_idx').on(t.tenantId, t.date),
    index('visit_plans_solving_idx').on(t.createdAt).where(sql`${t.status} = 'solving'`),
  ],
);

export const visits = sqliteTable(
  'visits',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    planId: text('plan_id'),
    purpose: text('purpose').notNull(),
    dossier: json('dossier').notNull().default(sql`'{}'`),
    agentIds: json('agent_ids').notNull(),
    /** The agent whose app owns the visit; agent keys see only visits where they are the lead or in the team. */
    leadAgentId: text('lead_agent_id'),
    windowStart: instant('window_start'),
    windowEnd: instant('window_end'),
    routeOrder: integer('route_order'),
    status: text('status', {
      enum: ['requested', 'planned', 'checked_in', 'completed', 'cancelled'],
    }).notNull(),
    checkedInAt: instant('checked_in_at'),
    checkInLat: real('check_in_lat'),
    checkInLon: real('check_in_lon'),
    /** The server's clock when the check-in arrived; `checked_in_at` is the device's. */
    checkInReceivedAt: instant('check_in_received_at'),
    /** Metres from the customer's geocoded address; null when the address has no coordinates. */
    checkInDistanceM: integer('check_in_distance_m'),
    /** Reasons the check-in rules flagged it with (`location.far`), shown on the visit. */
    checkInFlags: json('check_in_flags').notNull().default(sql`'[]'`),
    /** When the plan's preparation stored the dossier snapshot and the suggested purpose; null until then. */
    preparedAt: instant('prepared_at'),
    /** Why it was called off, from the catalogue (`VISIT_CANCEL_REASONS`), with who was told and when. */
    cancelReason: text('cancel_reason'),
    cancelNote: text('cancel_note'),
    customerNotified: integer('customer_notified', { mode: 'boolean' }),
    cancelledAt: instant('cancelled_at'),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('visits_case_idx').on(t.tenantId, t.caseId, t.createdAt),
    index('visits_unprepared_idx').on(t.tenantId, t.planId, t.id).where(sql`${t.preparedAt} IS NULL`),
    index('visits_plan_idx').on(t.tenantId, t.planId, t.leadAgentId, t.routeOrder),
    index('visits_agent_idx').on(t.tenantId, t.leadAgentId, t.windowStart),
    index('visits_status_idx').on(t.tenantId, t.status, t.windowStart),
    // The partner API's unfiltered visit list pages on (window_start, id) without sorting in a temp b-tree.
    index('visits_tenant_window_idx').on(t.tenantId, t.windowStart, t.id),
  ],
);

/**
 * A re-plan of a day in progress (`POST /v1/visit-plans/{planId}/replan`): what changed, solved on the
 * queue, then what moved and why. One re-plan of a plan solves at a time.
 */
export const visitPlanReplans = sqliteTable(
  'visit_plan_replans',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    planId: text('plan_id').notNull(),
    status: text('status', { enum: ['solving', 'applied', 'failed'] }).notNull(),
    /** The moment of the day the re-plan starts from. */
    at: instant('at').notNull(),
    request: json('request').notNull(),
    result: json('result'),
    requestedByKeyId: text('requested_by_key_id'),
    createdAt: instant('created_at').notNull(),
    appliedAt: instant('applied_at'),
    nudgedAt: instant('nudged_at'),
  },
  (t) => [
    index('replans_plan_idx').on(t.tenantId, t.planId, t.createdAt),
    uniqueIndex('replans_one_solving_uq').on(t.tenantId, t.planId).where(sql`${t.status} = 'solving'`),
    index('replans_solving_idx').on(t.createdAt).where(sql`${t.status} = 'solving'`),
  ],
);

/** Travel between a plan's places as the tenant's `TravelTimes` measured it, kept for its re-plans. */
export const travelMatrices = sqliteTable(
  'travel_matrices',
  {
    tenantId: text('tenant_id').notNull(),
    planId: text('plan_id').notNull(),
    /** What measured it, e.g. `osrm:https://osrm.example` or `haversine`. */
    source: text('source').notNull(),
    points: json('points').notNull(),
    meters: json('meters').notNull(),
    seconds: json('seconds').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.planId] })],
);

/**
 * Who goes on each visit, one row per agent: what an agent's key may see is found from here by index.
 * Derived from `visits.agent_ids` by triggers (migrations 0016 and 0018), never written by the application, so
 * the two cannot disagree.
 */
export const visitAgents = sqliteTable(
  'visit_agents',
  {
    tenantId: text('tenant_id').notNull(),
    agentId: text('agent_id').notNull(),
    visitId: text('visit_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.agentId, t.visitId] })],
);

export const visitOutcomes = sqliteTable(
  'visit_outcomes',
  {
    visitId: text('visit_id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    agentId: text('agent_id'),
    contactResult: text('contact_result').notNull(),
    /**
     * Copied from the case and the tenant's calendar when the outcome is recorded, so reports group a
     * million outcomes by local day, region, agency and bucket without joining or converting zones.
     */
    localDate: text('local_date').notNull(),
    regionId: text('region_id'),
    agencyId: text('agency_id'),
    bucket: text('bucket').notNull(),
    checklist: json('checklist').notNull(),
    hardship: json('hardship').notNull().default(sql`'[]'`),
    willingness: integer('willingness'),
    abilityPerMonth: money('ability_per_month'),
    satisfaction: integer('satisfaction'),
    promise: json('promise'),
    planProposal: json('plan_proposal'),
    evidence: json('evidence').notNull().default(sql`'[]'`),
    notes: text('notes'),
    recordedAt: instant('recorded_at').notNull(),
    /** 1 when the visit's check-in was flagged `location.far`, 0 when measured and near, null otherwise. */
    checkInFar: integer('check_in_far'),
  },
  (t) => [
    // Covers every column of a day's outcomes the rollup rebuild reads (migration 0036).
    index('outcomes_report_idx').on(
      t.tenantId,
      t.localDate,
      t.agentId,
      t.regionId,
      t.agencyId,
      t.bucket,
      t.contactResult,
      t.satisfaction,
      t.checkInFar,
      t.caseId,
    ),
    index('outcomes_agent_idx').on(t.tenantId, t.agentId, t.localDate),
    // A case's outcomes: the cohort rollup job, the dossier, erasure.
    index('outcomes_case_idx').on(t.tenantId, t.caseId, t.localDate),
  ],
);

/**
 * A visit's evidence in R2: announced with what the app claims (media type, size, SHA-256), `stored`
 * once the bytes arrived and matched the claim, `erased` (object deleted) with the case's retention.
 */
export const evidence = sqliteTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    visitId: text('visit_id').notNull(),
    kind: text('kind', { enum: ['photo', 'signed_plan', 'receipt'] }).notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Lowercase hex; the bytes stored were hashed and matched it. */
    sha256: text('sha256').notNull(),
    /** The R2 key, `<tenant>/<case>/<evidence id>`: a case's objects share a prefix. */
    objectKey: text('object_key').notNull(),
    status: text('status', { enum: ['pending', 'stored', 'erased'] }).notNull(),
    createdByKeyId: text('created_by_key_id').notNull(),
    createdAt: instant('created_at').notNull(),
    storedAt: instant('stored_at'),
    erasedAt: instant('erased_at'),
  },
  (t) => [
    index('evidence_visit_idx').on(t.tenantId, t.visitId, t.createdAt),
    index('evidence_case_idx').on(t.tenantId, t.caseId),
  ],
);

export const repaymentPlans = sqliteTable(
  'repayment_plans',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    status: text('status', { enum: ['proposed', 'accepted', 'completed', 'broken', 'superseded'] }).notNull(),
    total: money('total').notNull(),
    waived: money('waived').notNull().default(0),
    currency: text('currency').notNull(),
    termMonths: integer('term_months').notNull(),
    reasons: json('reasons').notNull(),
    hardship: integer('hardship', { mode: 'boolean' }).notNull().default(false),
    proposedAt: instant('proposed_at').notNull(),
    acceptedAt: instant('accepted_at'),
    version: integer('version').notNull().default(1),
    /** The stored policy set (and experiment arm) whose repayment policy proposed it. */
    decidedBy: json('decided_by'),
  },
  (t) => [index('plans_case_idx').on(t.tenantId, t.caseId, t.proposedAt)],
);

export const instalments = sqliteTable(
  'instalments',
  {
    planId: text('plan_id').notNull(),
    seq: integer('seq').notNull(),
    tenantId: text('tenant_id').notNull(),
    dueDate: text('due_date').notNull(),
    dueAt: instant('due_at').notNull(),
    amount: money('amount').notNull(),
    paid: money('paid').notNull().default(0),
    /** `suspended`: its check fell while compliance barred collection; never judged later. */
    status: text('status', { enum: ['pending', 'paid', 'partly_paid', 'missed', 'suspended'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.seq] })],
);

export const promises = sqliteTable(
  'promises',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    visitId: text('visit_id'),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    promisedDate: text('promised_date').notNull(),
    /** Where the customer made it: at a visit, or remotely (`POST /v1/cases/{caseId}/promises`). */
    channel: text('channel', { enum: ['visit', 'call', 'sms', 'email', 'letter'] })
      .notNull()
      .default('visit'),
    /** The API key that recorded a promise made outside a visit. */
    recordedByKeyId: text('recorded_by_key_id'),
    dueAt: instant('due_at').notNull(),
    status: text('status', { enum: ['open', 'kept', 'partly_kept', 'broken', 'cancelled'] }).notNull(),
    paid: money('paid').notNull().default(0),
    checkedAt: instant('checked_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('promises_case_idx').on(t.tenantId, t.caseId),
    index('promises_due_idx').on(t.tenantId, t.dueAt),
    // The promise rollups' rebuild reads a day's promises.
    index('promises_date_idx').on(t.tenantId, t.promisedDate),
  ],
);

/**
 * Durable follow-up timers. D1 is the source of truth; the queue only carries "look at timer X now".
 * The sweep reads `(state, due_at)` and the consumer claims with a guarded UPDATE on `state`.
 */
export const followUpTimers = sqliteTable(
  'follow_up_timers',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    kind: text('kind').notNull(),
    dueAt: instant('due_at').notNull(),
    state: text('state', {
      enum: ['pending', 'enqueued', 'claimed', 'done', 'cancelled', 'failed', 'suppressed'],
    }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: instant('lease_until'),
    /** Unique per logical timer so that re-deciding the same follow-up never schedules it twice. */
    idempotencyKey: text('idempotency_key').notNull(),
    payload: json('payload').notNull().default(sql`'{}'`),
    reason: json('reason').notNull(),
    result: json('result'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    /** The stored policy set (and experiment arm) whose follow-up policy scheduled it; null for engine timers. */
    decidedBy: json('decided_by'),
  },
  (t) => [
    uniqueIndex('timers_idem_uq').on(t.tenantId, t.idempotencyKey),
    index('timers_sweep_idx').on(t.state, t.dueAt),
    index('timers_case_idx').on(t.tenantId, t.caseId, t.state),
  ],
);

/**
 * Hardship pauses a visit outcome started (the follow-up policy sets their length): compliance lets
 * only supportive follow-ups and contact through until `ends_at`. Per customer, like the flags.
 */
export const followUpPauses = sqliteTable(
  'follow_up_pauses',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    customerId: text('customer_id').notNull(),
    caseId: text('case_id').notNull(),
    visitId: text('visit_id').notNull(),
    reasons: json('reasons').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('follow_up_pauses_customer_idx').on(t.tenantId, t.customerId, t.endsAt),
    uniqueIndex('follow_up_pauses_visit_uq').on(t.tenantId, t.visitId),
  ],
);

/**
 * Every version of a lesson that a customer of the tenant was shown, stored as it was served (the
 * text in every language): the catalogue in code keeps only the latest, and an assignment names the
 * version its customer saw, so a later edit never rewrites what they read.
 */
export const lessonVersions = sqliteTable(
  'lesson_versions',
  {
    tenantId: text('tenant_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    version: integer('version').notNull(),
    /** `lessonFingerprint` of the content: equal to the catalogue lock's entry for this version. */
    fingerprint: text('fingerprint').notNull(),
    content: json('content').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.lessonId, t.version] })],
);

/**
 * A lesson sent to a customer (once per lesson, whichever case or cure asked), in the language and
 * pack frozen at assignment, with the reader's progress and their one quiz submission.
 */
export const lessonAssignments = sqliteTable(
  'lesson_assignments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    customerId: text('customer_id').notNull(),
    /** The case whose follow-up, cure or visit led to the lesson; its events are announced on it. */
    caseId: text('case_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    lessonVersion: integer('lesson_version').notNull(),
    language: text('language').notNull(),
    /** The pack whose sections the customer is shown. */
    jurisdiction: text('jurisdiction').notNull(),
    source: text('source', { enum: ['follow-up', 'after-cure', 'agent'] }).notNull(),
    /** The timer or API key that assigned it. */
    sourceId: text('source_id').notNull(),
    assignedAt: instant('assigned_at').notNull(),
    /** The tenant-local date of assignment, so the education KPIs group by period without converting zones. */
    localDate: text('local_date').notNull(),
    startedAt: instant('started_at'),
    sectionsRead: json('sections_read').notNull().default(sql`'[]'`),
    completedAt: instant('completed_at'),
    quizAnswers: json('quiz_answers'),
    quizCorrect: integer('quiz_correct'),
    quizTotal: integer('quiz_total'),
  },
  (t) => [
    uniqueIndex('lesson_assignments_customer_lesson_uq').on(t.tenantId, t.customerId, t.lessonId),
    index('lesson_assignments_customer_time_idx').on(t.tenantId, t.customerId, t.assignedAt, t.id),
    index('lesson_assignments_report_idx').on(t.tenantId, t.localDate, t.lessonId, t.language),
  ],
);

/**
 * What the customer said about lessons and check-ins (the light contact after a cure): the latest
 * statement wins, by the time the customer made it, so a late-arriving older one changes nothing.
 * Every change is in the audit log; this row is what every sender reads before it contacts.
 */
export const relationshipPreferences = sqliteTable(
  'relationship_preferences',
  {
    tenantId: text('tenant_id').notNull(),
    customerId: text('customer_id').notNull(),
    choice: text('choice', { enum: ['opted_in', 'opted_out'] }).notNull(),
    /** How the customer said it. */
    channel: text('channel', {
      enum: ['app', 'visit', 'call', 'sms', 'email', 'letter', 'branch'],
    }).notNull(),
    statedAt: instant('stated_at').notNull(),
    recordedByKeyId: text('recorded_by_key_id').notNull(),
    recordedAt: instant('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId] })],
);

/**
 * Every cure the after-cure sweep has seen, once: what the tenant's relationship policy planned for it
 * (its contacts are follow-up timers of the cured case) and, when an education experiment runs, the
 * arm the cure was drawn into. A cure with no relationship policy is recorded too, with `policy` null.
 */
export const afterCureRelationships = sqliteTable(
  'after_cure_relationships',
  {
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    customerId: text('customer_id').notNull(),
    curedAt: instant('cured_at').notNull(),
    /** `id@version` of the relationship policy that planned the contacts; null when the tenant runs none. */
    policy: text('policy'),
    consent: text('consent', { enum: ['opt-in', 'opt-out'] }),
    experimentId: text('experiment_id'),
    arm: text('arm', { enum: ['offered', 'withheld'] }),
    draw: real('draw'),
    reasons: json('reasons').notNull(),
    plannedAt: instant('planned_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.caseId] }),
    index('after_cure_experiment_idx').on(t.tenantId, t.experimentId, t.curedAt),
  ],
);

/** Every intake delivery by `webhook-id`, with the answer given, so a redelivery gets the same answer. */
export const eventInbox = sqliteTable(
  'event_inbox',
  {
    tenantId: text('tenant_id').notNull(),
    webhookId: text('webhook_id').notNull(),
    bodyHash: text('body_hash').notNull(),
    eventTypes: json('event_types').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: text('response_body').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.webhookId] })],
);

/**
 * Intake events whose account is not known yet (a payment or a closure before the first snapshot), kept
 * until that account's first snapshot arrives and replays them. `event_key` dedupes a redelivered event.
 */
export const intakeParked = sqliteTable(
  'intake_parked',
  {
    tenantId: text('tenant_id').notNull(),
    accountRef: text('account_ref').notNull(),
    eventKey: text('event_key').notNull(),
    event: json('event').notNull(),
    parkedAt: instant('parked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.accountRef, t.eventKey] })],
);

/** The valid lines of an intake batch file, in chunks a queue message applies at once (`applied_at` guards replays). */
export const intakeBatchChunks = sqliteTable(
  'intake_batch_chunks',
  {
    tenantId: text('tenant_id').notNull(),
    batchId: text('batch_id').notNull(),
    chunk: integer('chunk').notNull(),
    /** JSON array of `[lineNumber, rawLine]`. */
    lines: text('lines').notNull(),
    appliedAt: instant('applied_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.batchId, t.chunk] })],
);

export const intakeBatches = sqliteTable(
  'intake_batches',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** `failed`: no chunk applied for a day; the stalled-work cron gave it up, its dead letters remain. */
    status: text('status', { enum: ['queued', 'processing', 'completed', 'failed'] }).notNull(),
    totalLines: integer('total_lines').notNull(),
    accepted: integer('accepted').notNull().default(0),
    applied: integer('applied').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    errors: json('errors').notNull().default(sql`'[]'`),
    createdAt: instant('created_at').notNull(),
    completedAt: instant('completed_at'),
    /** When a chunk was last applied; the stalled-work cron resumes a batch that has not moved. */
    progressedAt: instant('progressed_at'),
    /** When the cron last re-sent the batch's pending chunks, so it does so once per stall period. */
    nudgedAt: instant('nudged_at'),
  },
  (t) => [
    index('batches_tenant_idx').on(t.tenantId, t.createdAt),
    index('intake_batches_open_idx').on(t.createdAt).where(sql`${t.status} in ('queued', 'processing')`),
  ],
);

/** Append-only: the application has no UPDATE or DELETE statement for this table. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    at: instant('at').notNull(),
    actorKeyId: text('actor_key_id'),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    reason: text('reason'),
    data: json('data').notNull().default(sql`'{}'`),
  },
  (t) => [
    index('audit_tenant_time_idx').on(t.tenantId, t.at, t.id),
    index('audit_subject_idx').on(t.tenantId, t.subjectType, t.subjectId),
    index('audit_action_idx').on(t.tenantId, t.action, t.at, t.id),
  ],
);

export const complianceOverrides = sqliteTable(
  'compliance_overrides',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    visitId: text('visit_id').notNull(),
    rule: text('rule').notNull(),
    supervisorKeyId: text('supervisor_key_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('overrides_visit_rule_uq').on(t.tenantId, t.visitId, t.rule)],
);

/**
 * Notice of a visit's date and likely time given to the customer (UK CONC 7): what the pack's `notice`
 * rule reads. A visit moved to another time needs notice again, so rows are kept, never replaced;
 * the latest one given is the one that counts.
 */
export const visitNotices = sqliteTable(
  'visit_notices',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    visitId: text('visit_id').notNull(),
    givenAt: instant('given_at').notNull(),
    channel: text('channel', { enum: ['letter', 'email', 'sms', 'phone', 'in_person'] }).notNull(),
    likelyStart: instant('likely_start').notNull(),
    likelyEnd: instant('likely_end').notNull(),
    recordedByKeyId: text('recorded_by_key_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('visit_notices_visit_idx').on(t.tenantId, t.visitId, t.givenAt)],
);

/**
 * Remote contact attempts (calls, texts, emails, letters) a partner app or dialer reports. Compliance
 * counts them with visits (the US pack's 7-in-7 presumption counts every contact, whatever the
 * channel), so they are kept per customer: frequency limits protect the person, not the account.
 */
export const contactAttempts = sqliteTable(
  'contact_attempts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id').notNull(),
    customerId: text('customer_id').notNull(),
    channel: text('channel', { enum: ['call', 'sms', 'email', 'letter'] }).notNull(),
    /** The customer was reached (a conversation took place), which some packs treat differently. */
    reached: integer('reached', { mode: 'boolean' }).notNull(),
    at: instant('at').notNull(),
    recordedByKeyId: text('recorded_by_key_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('contact_attempts_customer_idx').on(t.tenantId, t.customerId, t.at)],
);

export const webhookSubscriptions = sqliteTable(
  'webhook_subscriptions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    url: text('url').notNull(),
    eventTypes: json('event_types').notNull(),
    secret: text('secret').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('subscriptions_tenant_idx').on(t.tenantId)],
);

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    subscriptionId: text('subscription_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    /** `suppressed`: compliance barred it when it was to be sent; final, never redelivered. */
    status: text('status', { enum: ['pending', 'delivered', 'failed', 'suppressed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    deliveredAt: instant('delivered_at'),
    /** Set while a `webhook.deliver` message is in flight: only a dispatched delivery may be attempted. */
    leaseUntil: instant('lease_until'),
  },
  (t) => [
    uniqueIndex('deliveries_event_uq').on(t.subscriptionId, t.eventId),
    index('deliveries_tenant_idx').on(t.tenantId, t.createdAt),
    /** The cron's retry sweep: pending deliveries whose next attempt is due, a range scan across tenants. */
    index('deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/**
 * Every event announced, once, whether or not anyone subscribes: the source of webhook deliveries and
 * of a manual redelivery. `source_id` names what caused it (a timer, a visit, a plan); `dedupe_key`
 * names the fact a business event reports, so it is announced once however often its write runs.
 */
export const outboundEvents = sqliteTable(
  'outbound_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** Null for an event about no single case (a published visit plan). */
    caseId: text('case_id'),
    type: text('type').notNull(),
    /** The schema version of the type's `data` when the event was announced. */
    version: integer('version').notNull().default(1),
    sourceId: text('source_id').notNull(),
    data: json('data').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    index('events_tenant_time_idx').on(t.tenantId, t.occurredAt),
    index('events_source_idx').on(t.tenantId, t.sourceId),
    uniqueIndex('events_dedupe_uq').on(t.tenantId, t.dedupeKey).where(sql`${t.dedupeKey} IS NOT NULL`),
  ],
);

/** `Idempotency-Key` records: same key and body → the stored response; other body → 422; in flight → 409. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id').notNull(),
    apiKeyId: text('api_key_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: ['in_flight', 'done'] }).notNull(),
    responseStatus: integer('response_status'),
    responseHeaders: json('response_headers'),
    responseBody: text('response_body'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.apiKeyId, t.key] }),
    index('idempotency_keys_expiry_idx').on(t.tenantId, t.createdAt),
  ],
);

export const policySets = sqliteTable(
  'policy_sets',
  {
    tenantId: text('tenant_id').notNull(),
    version: integer('version').notNull(),
    document: json('document').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(false),
    createdAt: instant('created_at').notNull(),
    createdBy: text('created_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] })],
);

export const experiments = sqliteTable(
  'experiments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    definition: json('definition').notNull(),
    status: text('status', { enum: ['running', 'stopped'] }).notNull(),
    /** The last case id enrolled by the chunked enrolment; '' before the first chunk, null when done. */
    enrolledThrough: text('enrolled_through').default(''),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('experiments_tenant_idx').on(t.tenantId)],
);

export const experimentAssignments = sqliteTable(
  'experiment_assignments',
  {
    tenantId: text('tenant_id').notNull(),
    experimentId: text('experiment_id').notNull(),
    caseId: text('case_id').notNull(),
    arm: text('arm').notNull(),
    /** Compliance's verdict at enrolment: an excluded case keeps its drawn arm on record but is never visited. */
    eligible: integer('eligible', { mode: 'boolean' }).notNull().default(true),
    stratum: text('stratum').notNull(),
    hash: text('hash').notNull(),
    assignedAt: instant('assigned_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.experimentId, t.caseId] }),
    index('assignments_arm_idx').on(t.tenantId, t.experimentId, t.arm),
    // Planning asks "is this case held out?" per case, across experiments.
    index('assignments_case_idx').on(t.tenantId, t.caseId),
  ],
);

/** Queue messages that exhausted their retries or could not be parsed, kept for operators. */
export const deadLetters = sqliteTable(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    queue: text('queue').notNull(),
    messageId: text('message_id').notNull(),
    body: text('body').notNull(),
    attempts: integer('attempts').notNull(),
    reason: text('reason').notNull(),
    recordedAt: instant('recorded_at').notNull(),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [
    uniqueIndex('dead_letters_message_uq').on(t.queue, t.messageId),
    // Operators list a tenant's letters newest first; the tenant is in the message body, so the index
    // is on that expression (it must stay the one `ofTenant` in repositories/dead-letters.ts compares).
    index('dead_letters_tenant_idx').on(sql`json_extract(${t.body}, '$.tenantId')`, t.recordedAt, t.id),
  ],
);

/** Customer complaints about the programme (any channel), for the social-responsibility summary. */
export const complaints = sqliteTable(
  'complaints',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    caseId: text('case_id'),
    visitId: text('visit_id'),
    channel: text('channel', {
      enum: ['visit', 'phone', 'branch', 'letter', 'regulator', 'online'],
    }).notNull(),
    category: text('category', {
      enum: ['conduct', 'visiting-hours', 'privacy', 'third-party-disclosure', 'amount', 'other'],
    }).notNull(),
    /** The local business date the complaint was received, in the tenant's zone. */
    localDate: text('local_date').notNull(),
    receivedAt: instant('received_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('complaints_tenant_day_idx').on(t.tenantId, t.localDate)],
);

/** Monthly card statements (intake `account.statement_issued`), the early-warning model's input. */
export const statements = sqliteTable(
  'statements',
  {
    tenantId: text('tenant_id').notNull(),
    accountId: text('account_id').notNull(),
    /** `YYYY-MM`, the month the statement closed in. */
    period: text('period').notNull(),
    currency: text('currency').notNull(),
    limitMinor: money('limit_minor').notNull(),
    /** Negative is a credit balance. */
    balanceMinor: money('balance_minor').notNull(),
    minimumDueMinor: money('minimum_due_minor').notNull(),
    paymentMinor: money('payment_minor').notNull(),
    status: text('status', { enum: ['no_activity', 'paid_in_full', 'revolving', 'late'] }).notNull(),
    monthsLate: integer('months_late').notNull().default(0),
    /** The event's `occurredAt`: a later correction of the same month replaces the row. */
    sourceAt: instant('source_at').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.accountId, t.period] })],
);

/** One daily scoring run per tenant and local date, chunked by account id through the queue. */
export const riskRuns = sqliteTable(
  'risk_runs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** The tenant's local date the run scores for. */
    scoredOn: text('scored_on').notNull(),
    policyVersion: integer('policy_version').notNull(),
    status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
    afterAccountId: text('after_account_id'),
    scored: integer('scored').notNull().default(0),
    unscored: integer('unscored').notNull().default(0),
    /** Accounts not overdue whose action is a reminder or a call. */
    warned: integer('warned').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    progressedAt: instant('progressed_at'),
    nudgedAt: instant('nudged_at'),
    completedAt: instant('completed_at'),
  },
  (t) => [uniqueIndex('risk_runs_tenant_day_uq').on(t.tenantId, t.scoredOn)],
);

/** An account's score of a day with its reasons and the early-warning action the policy set chose. */
export const riskScores = sqliteTable(
  'risk_scores',
  {
    tenantId: text('tenant_id').notNull(),
    scoredOn: text('scored_on').notNull(),
    accountId: text('account_id').notNull(),
    customerId: text('customer_id').notNull(),
    runId: text('run_id').notNull(),
    /** `id@version` of the model plugin. */
    model: text('model').notNull(),
    probability: real('probability').notNull(),
    band: text('band').notNull(),
    action: text('action', { enum: ['none', 'reminder', 'call'] }).notNull(),
    reasons: json('reasons').notNull(),
    actionReasons: json('action_reasons').notNull(),
    /** The newest statement month the score read. */
    latestPeriod: text('latest_period').notNull(),
    scoredAt: instant('scored_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.scoredOn, t.accountId] }),
    index('risk_scores_rank_idx').on(t.tenantId, t.scoredOn, sql`${t.probability} DESC`, t.accountId),
    index('risk_scores_account_idx').on(t.tenantId, t.accountId, t.scoredOn),
  ],
);

/*
 * Rollups (issue #20, docs/kpis.md). The activity rollups are kept by triggers on `visit_outcomes` and
 * `promises` (migration 0034, hand-written like 0016's: drizzle has no triggers); the account rollups are
 * built per month end by queue runs (0035). Every rollup table is `WITHOUT ROWID` in the migrations (its
 * primary key is its only index), which drizzle cannot express either.
 */

const outcomeMeasures = {
  visits: integer('visits').notNull(),
  rightParty: integer('right_party').notNull(),
  s1: integer('s1').notNull(),
  s2: integer('s2').notNull(),
  s3: integer('s3').notNull(),
  s4: integer('s4').notNull(),
  s5: integer('s5').notNull(),
  measured: integer('measured').notNull(),
  far: integer('far').notNull(),
};

/** `dims` names the kept dimensions (r region, a agency, g agent, b bucket); the others hold '*'. */
export const outcomeRollups = sqliteTable(
  'outcome_rollups',
  {
    tenantId: text('tenant_id').notNull(),
    dims: text('dims').notNull(),
    /** `d` day (`YYYY-MM-DD`), `w` week (`%Y-W%W`), `m` month (`YYYY-MM`). */
    grain: text('grain').notNull(),
    period: text('period').notNull(),
    regionId: text('region_id').notNull(),
    agencyId: text('agency_id').notNull(),
    agentId: text('agent_id').notNull(),
    bucket: text('bucket').notNull(),
    ...outcomeMeasures,
  },
  (t) => [
    primaryKey({
      columns: [t.tenantId, t.dims, t.grain, t.period, t.regionId, t.agencyId, t.agentId, t.bucket],
    }),
  ],
);

export const agentDayFacts = sqliteTable(
  'agent_day_facts',
  {
    tenantId: text('tenant_id').notNull(),
    dims: text('dims').notNull(),
    agentId: text('agent_id').notNull(),
    localDate: text('local_date').notNull(),
    regionId: text('region_id').notNull(),
    agencyId: text('agency_id').notNull(),
    visits: integer('visits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.dims, t.localDate, t.agentId, t.regionId, t.agencyId] })],
);

export const agentDayRollups = sqliteTable(
  'agent_day_rollups',
  {
    tenantId: text('tenant_id').notNull(),
    dims: text('dims').notNull(),
    grain: text('grain').notNull(),
    period: text('period').notNull(),
    regionId: text('region_id').notNull(),
    agencyId: text('agency_id').notNull(),
    agentId: text('agent_id').notNull(),
    agentDays: integer('agent_days').notNull(),
    visits: integer('visits').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.dims, t.grain, t.period, t.regionId, t.agencyId, t.agentId] }),
  ],
);

export const promiseReportFacts = sqliteTable(
  'promise_report_facts',
  {
    tenantId: text('tenant_id').notNull(),
    promiseId: text('promise_id').notNull(),
    dueDate: text('due_date').notNull(),
    regionId: text('region_id').notNull(),
    agencyId: text('agency_id').notNull(),
    bucket: text('bucket').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.promiseId] }),
    index('promise_report_facts_due_idx').on(t.tenantId, t.dueDate),
  ],
);

export const promiseRollups = sqliteTable(
  'promise_rollups',
  {
    tenantId: text('tenant_id').notNull(),
    grain: text('grain').notNull(),
    period: text('period').notNull(),
    regionId: text('region_id').notNull(),
    agencyId: text('agency_id').notNull(),
    bucket: text('bucket').notNull(),
    due: integer('due').notNull(),
    kept: integer('kept').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.grain, t.period, t.regionId, t.agencyId, t.bucket] })],
);

/** One rebuild of one tenant's rollup for one period; `cursor` is the last step done. */
export const rollupRuns = sqliteTable(
  'rollup_runs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    kind: text('kind', { enum: ['activity', 'cohort', 'effect'] }).notNull(),
    /** The experiment of an `effect` run; '' otherwise. */
    subject: text('subject').notNull().default(''),
    /** `YYYY-MM` for activity, the month end for cohort and effect. */
    period: text('period').notNull(),
    status: text('status', { enum: ['running', 'purging', 'done', 'failed'] }).notNull(),
    cursor: text('cursor').notNull().default(''),
    /** The run whose rows this one replaced; deleted while `purging`. */
    replacedRunId: text('replaced_run_id'),
    reason: text('reason', { enum: ['nightly', 'rebuild', 'backfill', 'report'] }).notNull(),
    statements: integer('statements').notNull().default(0),
    d1Ms: real('d1_ms').notNull().default(0),
    maxStatementMs: real('max_statement_ms').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    progressedAt: instant('progressed_at'),
    completedAt: instant('completed_at'),
    nudgedAt: instant('nudged_at'),
  },
  (t) => [
    index('rollup_runs_subject_idx').on(t.tenantId, t.kind, t.subject, t.period, t.createdAt),
    index('rollup_runs_active_idx')
      .on(t.tenantId, t.kind, t.subject, t.period)
      .where(sql`${t.status} IN ('running', 'purging')`),
  ],
);

/** The built run each report reads. */
export const rollupHeads = sqliteTable(
  'rollup_heads',
  {
    tenantId: text('tenant_id').notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull().default(''),
    period: text('period').notNull(),
    runId: text('run_id').notNull(),
    builtAt: instant('built_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.subject, t.period] })],
);

const countColumn = (name: string) => integer(name).notNull().default(0);

/** Grain `s` (the cohort at its month end, period ''), `d` days and `m` months of what followed. */
export const cohortRollups = sqliteTable(
  'cohort_rollups',
  {
    runId: text('run_id').notNull(),
    grain: text('grain').notNull(),
    period: text('period').notNull(),
    regionId: text('region_id').notNull(),
    agencyId: text('agency_id').notNull(),
    bucket: text('bucket').notNull(),
    currency: text('currency').notNull(),
    delinquent: countColumn('delinquent'),
    overdue: money('overdue').notNull().default(0),
    cured: countColumn('cured'),
    collected: money('collected').notNull().default(0),
    visits: countColumn('visits'),
    curedVisited: countColumn('cured_visited'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.grain, t.period, t.regionId, t.agencyId, t.bucket, t.currency] }),
  ],
);

/** The open accounts at the month end (day '') and each later day's change, to the next month end. */
export const portfolioRollups = sqliteTable(
  'portfolio_rollups',
  {
    runId: text('run_id').notNull(),
    day: text('day').notNull(),
    regionId: text('region_id').notNull(),
    agencyId: text('agency_id').notNull(),
    bucket: text('bucket').notNull(),
    currency: text('currency').notNull(),
    accounts: countColumn('accounts'),
    overdueAccounts: countColumn('overdue_accounts'),
    outstanding: money('outstanding').notNull().default(0),
    overdueOutstanding: money('overdue_outstanding').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.runId, t.day, t.regionId, t.agencyId, t.bucket, t.currency] })],
);

/** Grain `s` (buckets at the month end), `d` daily changes to the next month end, `e` later month ends. */
export const rollRollups = sqliteTable(
  'roll_rollups',
  {
    runId: text('run_id').notNull(),
    grain: text('grain').notNull(),
    period: text('period').notNull(),
    fromBucket: text('from_bucket').notNull(),
    toBucket: text('to_bucket').notNull(),
    accounts: countColumn('accounts'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.grain, t.period, t.fromBucket, t.toBucket] })],
);

export const effectRollups = sqliteTable(
  'effect_rollups',
  {
    runId: text('run_id').notNull(),
    grain: text('grain').notNull(),
    period: text('period').notNull(),
    arm: text('arm').notNull(),
    cases: countColumn('cases'),
    cured: countColumn('cured'),
    recoveredSum: money('recovered_sum').notNull().default(0),
    recoveredSumOfSquares: integer('recovered_sum_of_squares').notNull().default(0),
    /** Promises to pay of the arm's cases by promised date (grain `s`: those due on the month end itself). */
    promisesDue: countColumn('promises_due'),
    promisesKept: countColumn('promises_kept'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.grain, t.period, t.arm] })],
);

/** Tenants whose outcomes or promises predate the activity triggers, backfilled month by month. */
export const rollupBackfills = sqliteTable('rollup_backfills', {
  tenantId: text('tenant_id').primaryKey(),
  nextMonth: text('next_month'),
  lastMonth: text('last_month'),
  createdAt: instant('created_at').notNull(),
});
// Many databases (docs/scaling.md): the tenant directory, read in the directory database only.

/** Which shard (D1 binding) holds a tenant's rows; no row means the directory database itself. */
export const directoryTenants = sqliteTable(
  'directory_tenants',
  {
    tenantId: text('tenant_id').primaryKey(),
    shard: text('shard').notNull(),
    /** `moving`: writes refused, intake held; `replaying`: on its new shard, held intake being replayed. */
    state: text('state', { enum: ['active', 'moving', 'replaying'] })
      .notNull()
      .default('active'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [check('directory_tenants_state', sql`${t.state} IN ('active', 'moving', 'replaying')`)],
);

/** API key hash → tenant, so authentication finds the tenant's shard before reading the key there. */
export const directoryKeys = sqliteTable('directory_keys', {
  keyHash: text('key_hash').primaryKey(),
  tenantId: text('tenant_id').notNull(),
});

/** A tenant's move between shards, requested by scripts/admin/move-tenant.ts and run by cron and queue. */
export const directoryMoves = sqliteTable(
  'directory_moves',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    fromShard: text('from_shard').notNull(),
    toShard: text('to_shard').notNull(),
    status: text('status', {
      enum: ['requested', 'draining', 'copying', 'verifying', 'replaying', 'cleaning', 'done', 'failed'],
    }).notNull(),
    drainMs: integer('drain_ms').notNull(),
    /** Per table: the source's and the target's row count and checksum; and what was replayed. */
    report: json('report').notNull().default(sql`'{}'`),
    error: text('error'),
    requestedAt: instant('requested_at').notNull(),
    phaseAt: instant('phase_at'),
    progressedAt: instant('progressed_at'),
    leaseUntil: instant('lease_until'),
    completedAt: instant('completed_at'),
  },
  (t) => [
    uniqueIndex('directory_moves_open_uq').on(t.tenantId).where(sql`${t.status} NOT IN ('done', 'failed')`),
  ],
);

/** Signed intake deliveries of a moving tenant, in arrival order (rowid), replayed on its new shard. */
export const directoryIntakeHold = sqliteTable(
  'directory_intake_hold',
  {
    tenantId: text('tenant_id').notNull(),
    webhookId: text('webhook_id').notNull(),
    body: text('body').notNull(),
    bodyHash: text('body_hash').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.webhookId] })],
);

/** Per shard: tenants a move is copying away (source) or in (target); their rows here are frozen. */
export const shardFences = sqliteTable(
  'shard_fences',
  {
    tenantId: text('tenant_id').primaryKey(),
    moveId: text('move_id').notNull(),
    role: text('role', { enum: ['source', 'target'] }).notNull(),
    /** `open` only inside a move's own batch, which sets it back to `frozen` before it commits. */
    phase: text('phase', { enum: ['frozen', 'open'] }).notNull(),
    cursor: json('cursor'),
    tallies: json('tallies').notNull().default(sql`'{}'`),
    since: instant('since').notNull(),
  },
  (t) => [
    check('shard_fences_role', sql`${t.role} IN ('source', 'target')`),
    check('shard_fences_phase', sql`${t.phase} IN ('frozen', 'open')`),
  ],
);
