import {
  assessDisclosure,
  type CheckInDecision,
  type CombinedCompliance,
  type CommitmentChannel,
  type CommitmentFacts,
  type CommitmentProblem,
  combineCompliance,
  compliancePacks,
  type FieldOptions,
  FieldOptionsSchema,
  judgeCheckIn,
  judgeCommitment,
  type PlanningWindows,
  planningWindows,
  type VisitOutcome,
  type VisitQueryExtras,
} from '@doorstep/compliance';
import {
  addDays,
  type ContactResult,
  type Instant,
  type Interval,
  instantiatePolicy,
  type LocalDate,
  localDateAt,
  type Money,
  PolicyRefSchema,
  type Reason,
  type ResolvedPolicySet,
  startOfLocalDay,
  toInstant,
  type Veto,
  type VisitQuery,
} from '@doorstep/core';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Database } from '../db/client';
import type { AppEnv } from '../http/app-env';
import { ApiError, type FieldError } from '../http/error-codes';
import { audited } from '../repositories/audit';
import { DEFAULT_VERSION, resolveStored } from '../repositories/policy-sets';
import { latestNotice, type VisitNoticeRow } from '../repositories/visit-notices';
import type { VisitRow } from '../repositories/visits';
import { loadCasesFacts, loadVisitFacts, type VisitFacts } from './visit-query';

type CompliancePack = (typeof compliancePacks)[number];

/** The reason code a pack declares when it forbids telling a third party of the debt (cn, in). */
const DISCLOSURE_CODE = 'privacy.third-party-disclosure';

const PolicyComplianceSchema = z.object({ compliance: z.array(PolicyRefSchema) });

export interface TenantCompliance {
  pack: CompliancePack;
  /**
   * Every compliance policy the tenant runs: those its policy set lists, and its jurisdiction pack
   * with the options the set gives it. Screening, planning, creation, check-in and outcome all ask
   * these same policies, so no path allows what another refuses.
   */
  policies: ResolvedPolicySet['compliance'];
  compliance: CombinedCompliance;
  /** The jurisdiction pack's field rules (check-in trust, commitments), as the tenant set them. */
  field: FieldOptions;
  /** Years a closed case's records are kept before the retention job erases its personal data. */
  retentionYears: number;
}

const RetentionSchema = z.object({ retentionYears: z.int() });

/** A stored policy-set version never changes, so an isolate keeps each tenant's instantiated policies. */
const instantiated = new Map<string, TenantCompliance>();

/**
 * The tenant's compliance: its jurisdiction pack (`tenants.jurisdiction` names it), with the options
 * its active policy set gives under the pack's id, else the pack's defaults, plus any other compliance
 * policy the set lists. A tenant without a known pack is a configuration bug: failing the request is
 * safer than visiting without rules.
 */
export function tenantCompliance(
  facts: Pick<VisitFacts, 'tenant' | 'policyDocument' | 'policyVersion'>,
): TenantCompliance {
  const { tenant } = facts;
  const version = facts.policyVersion ?? DEFAULT_VERSION;
  const cacheKey = `${tenant.id}:${version}:${tenant.jurisdiction}`;
  const cached = instantiated.get(cacheKey);
  if (cached) return cached;
  const pack = compliancePacks.find((candidate) => candidate.id === tenant.jurisdiction);
  if (!pack)
    throw new Error(`tenant ${tenant.id}: no compliance pack for jurisdiction ${tenant.jurisdiction}`);
  const refs = PolicyComplianceSchema.safeParse(facts.policyDocument);
  const options = refs.success ? refs.data.compliance.find((ref) => ref.id === pack.id)?.options : undefined;
  const resolved = instantiatePolicy(pack, options);
  if (!resolved.ok) throw new Error(`tenant ${tenant.id}: stored options of pack ${pack.id} do not validate`);
  const listed = resolveStored(tenant.id, version, facts.policyDocument).compliance;
  const policies = [...listed.filter((policy) => policy.id !== pack.id), resolved.value];
  const result = {
    pack,
    policies,
    compliance: combineCompliance(policies.map((policy) => policy.fns)),
    // The pack's schema validated these options; every pack carries both.
    field: FieldOptionsSchema.parse(resolved.value.options),
    retentionYears: RetentionSchema.parse(resolved.value.options).retentionYears,
  };
  instantiated.set(cacheKey, result);
  return result;
}

/** The tenant's policy set with every compliance policy it runs (see `tenantCompliance`), for screening. */
export function withJurisdictionPack(
  set: ResolvedPolicySet,
  facts: Pick<VisitFacts, 'tenant' | 'policyDocument' | 'policyVersion'>,
): ResolvedPolicySet {
  return { ...set, compliance: tenantCompliance(facts).policies };
}

/** The body of a veto in problem+json: what partner apps show and what an override must name. */
const vetoBody = ({ rule, code, data, message, overridable }: Veto) => ({
  rule,
  code,
  data,
  message,
  overridable,
});

/**
 * The refusal of a visit, answered as 422 and kept as evidence: an audit row names the vetoes, so the
 * trail shows what was attempted and why it was refused, not only what was done.
 */
async function refusal(
  c: Context<AppEnv>,
  subject: { type: 'visit' | 'case'; id: string },
  vetoes: readonly Veto[],
  extra: Record<string, unknown> = {},
): Promise<ApiError> {
  const body = vetoes.map(vetoBody);
  await audited(
    c,
    { action: 'compliance.vetoed', subjectType: subject.type, subjectId: subject.id, data: { vetoes: body } },
    [],
  );
  const named = vetoes.map((veto) => `${veto.rule} (${veto.message})`).join('; ');
  return new ApiError('VISIT.COMPLIANCE_VETO', `Compliance forbids this visit: ${named}.`, {
    extra: { vetoes: body, ...extra },
  });
}

/** The notice the packs read (UK `notice`): when it was given and the time it announced. */
const noticeFacts = (
  notice: VisitNoticeRow | undefined,
): Pick<VisitQueryExtras, 'noticeGivenAt' | 'noticeLikelyTime'> =>
  notice
    ? {
        noticeGivenAt: toInstant(notice.givenAt),
        noticeLikelyTime: { start: toInstant(notice.likelyStart), end: toInstant(notice.likelyEnd) },
      }
    : {};

async function factsFor(c: Context<AppEnv>, caseId: string, visitId: string | null) {
  const { db } = c.var.services;
  const { tenantId } = c.var.auth;
  const [facts, notice] = await Promise.all([
    loadVisitFacts(db, tenantId, caseId, visitId),
    visitId === null ? undefined : latestNotice(db, tenantId, visitId),
  ]);
  if (!facts) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
  return {
    facts: { ...facts, query: { ...facts.query, ...noticeFacts(notice) } },
    ...tenantCompliance(facts),
  };
}

const staffOf = (agentIds: readonly string[]): VisitQuery['staff'] =>
  agentIds.map((agentId) => ({ agentId: agentId as VisitQuery['staff'][number]['agentId'] }));

const ms = (instant: string) => Date.parse(instant);

/** The first instant of `interval` outside `windows`, or null when the windows cover all of it. */
function firstUncovered(interval: Interval, windows: readonly Interval[]): string | null {
  let reached = ms(interval.start);
  for (const window of windows) {
    if (ms(window.start) > reached) break;
    reached = Math.max(reached, ms(window.end));
  }
  return reached >= ms(interval.end) ? null : new Date(reached).toISOString();
}

/**
 * Planning, creating or rescheduling a visit: the whole `interval` must be allowed with these staff.
 * A veto stands unless it is overridable and a supervisor overrode its rule for `visitId`. When no
 * rule vetoes but the interval is only partly allowed (e.g. it runs past 22:00), the rule that
 * excludes the first disallowed instant is named, with the windows that are allowed.
 *
 * @example
 * await assertVisitAllowed(c, { caseId, staff: body.agentIds, interval: body.window });
 */
export async function assertVisitAllowed(
  c: Context<AppEnv>,
  visit: {
    visitId?: string;
    caseId: string;
    staff: readonly string[];
    interval: Interval;
    /** Rules a supervisor lifts for this visit as it is created (the overrides are written with it). */
    lifting?: readonly string[];
  },
): Promise<{ lifted: Veto[] }> {
  const { facts, compliance } = await factsFor(c, visit.caseId, visit.visitId ?? null);
  // A visit being planned can still be announced from now on (as the planner assumes): the notice
  // period counts from now unless a notice is on record. Check-in needs the notice actually recorded.
  const query: VisitQuery & Pick<VisitQueryExtras, 'noticeGivenAt'> = {
    noticeGivenAt: toInstant(c.var.services.ports.now()),
    ...facts.query,
    staff: staffOf(visit.staff),
    interval: visit.interval,
    stage: 'planning',
  };
  const { windows, vetoes } = compliance.assessVisit(query);
  const overridden = [...facts.overriddenRules, ...(visit.lifting ?? [])];
  const isLifted = (veto: Veto) => veto.overridable && overridden.includes(veto.rule);
  const standing = vetoes.filter((veto) => !isLifted(veto));
  const subject = visit.visitId
    ? { type: 'visit' as const, id: visit.visitId }
    : { type: 'case' as const, id: visit.caseId };
  if (standing.length > 0) throw await refusal(c, subject, standing);
  const lifted = vetoes.filter(isLifted);
  const uncovered = firstUncovered(visit.interval, windows);
  if (uncovered === null) return { lifted };
  // The windows leave out what any rule restricts, lifted or not: judge the rest minute by minute with
  // the overrides, and name the rule that excludes the first minute still forbidden.
  for (let at = ms(uncovered); at < ms(visit.interval.end); at += MINUTE_MS) {
    const decision = compliance.assessCheckIn(query, toInstant(at), overridden);
    if (!decision.allowed) throw await refusal(c, subject, decision.vetoes, { allowedWindows: windows });
    lifted.push(...decision.overridden.filter((veto) => !lifted.some((known) => known.rule === veto.rule)));
  }
  return { lifted };
}

const MINUTE_MS = 60_000;

const AgentIdsSchema = z.array(z.string());

function checkIn(
  { facts, compliance }: Awaited<ReturnType<typeof factsFor>>,
  visit: Pick<VisitRow, 'agentIds'>,
  at: string,
): CheckInDecision {
  const query: VisitQuery = {
    ...facts.query,
    staff: staffOf(AgentIdsSchema.parse(visit.agentIds)),
    interval: { start: at, end: at },
  };
  return compliance.assessCheckIn(query, at, facts.overriddenRules);
}

/** What the agent's app sends at the door. */
export interface CheckInClaim {
  /** The device's clock. */
  at: string;
  lat: number;
  lon: number;
}

export interface CheckInJudgement {
  /** Vetoes a supervisor's override lifted, for the caller's audit row. */
  overridden: readonly Veto[];
  /** The server's clock when the check-in arrived. */
  receivedAt: number;
  distanceMeters: number | null;
  /** What the check-in is flagged with (`location.far`), shown on the visit. */
  flags: readonly Reason[];
}

const CHECK_IN_FIELDS = { at: ['/at'], position: ['/lat', '/lon'] } as const;

/**
 * An agent at the door. First, can the check-in be believed: the device's clock near the server's,
 * the arrival inside the visit's window and its tolerance, a position at all, near the customer's
 * address or (strict tenants) refused; a refusal is 422 `VISIT.CHECK_IN_REFUSED` naming the rule and
 * the field, kept in the audit trail. Then compliance at the **server's** time, never the device's:
 * allowed for this visit and its team, after the supervisor overrides recorded for it?
 */
export async function assertCheckInAllowed(
  c: Context<AppEnv>,
  visit: Pick<VisitRow, 'id' | 'caseId' | 'agentIds' | 'windowStart' | 'windowEnd'>,
  claim: CheckInClaim,
): Promise<CheckInJudgement> {
  const assessed = await factsFor(c, visit.caseId, visit.id);
  const receivedAt = c.var.services.ports.now();
  const trust = judgeCheckIn(
    {
      deviceAt: claim.at,
      receivedAt: toInstant(receivedAt),
      window:
        visit.windowStart === null || visit.windowEnd === null
          ? null
          : { start: toInstant(visit.windowStart), end: toInstant(visit.windowEnd) },
      position: { lat: claim.lat, lon: claim.lon },
      address: assessed.facts.address,
    },
    assessed.field,
  );
  if (!trust.trusted) {
    const refusals = trust.refusals.map(({ rule, code, data, message }) => ({ rule, code, data, message }));
    await audited(
      c,
      {
        action: 'visit.check-in-refused',
        subjectType: 'visit',
        subjectId: visit.id,
        data: { refusals, deviceAt: claim.at, receivedAt: toInstant(receivedAt) },
      },
      [],
    );
    const errors: FieldError[] = trust.refusals.flatMap((refusal) =>
      CHECK_IN_FIELDS[refusal.field].map((path) => ({
        path,
        in: 'body' as const,
        message: refusal.message,
        code: refusal.code,
      })),
    );
    const named = trust.refusals.map((refusal) => `${refusal.rule} (${refusal.message})`).join('; ');
    throw new ApiError('VISIT.CHECK_IN_REFUSED', `The check-in cannot be accepted: ${named}.`, {
      errors,
      extra: { refusals },
    });
  }
  const decision = checkIn(assessed, visit, toInstant(receivedAt));
  if (!decision.allowed) throw await refusal(c, { type: 'visit', id: visit.id }, decision.vetoes);
  return {
    overridden: decision.overridden,
    receivedAt,
    distanceMeters: trust.distanceMeters,
    flags: trust.flags,
  };
}

/** Who the agent spoke to, as the pack's disclosure check words it. */
const MET_PARTY: Record<ContactResult, VisitOutcome['metParty']> = {
  customer_met: 'debtor',
  refused: 'debtor',
  third_party_only: 'third-party',
  nobody_home: 'nobody',
  moved: 'nobody',
};

/** A promise or a plan being recorded, with what the rules of the visit need to judge it. */
export interface CommitmentClaim {
  kind: CommitmentFacts['kind'];
  channel: CommitmentChannel;
  contactResult: ContactResult | null;
  checklist: CommitmentFacts['checklist'];
  promise: CommitmentFacts['promise'];
  arrears: Money;
  /** JSON pointers of the request fields the rules speak of, for the 422's `errors`. */
  paths: Record<CommitmentProblem['field'], string>;
}

/**
 * A promise to pay or a repayment plan is recorded only after the right party was met and the pack's
 * introduction checklist confirmed, a promise only for a date between today (the tenant's calendar,
 * the server's clock) and the tenant's horizon and an amount in (0, arrears]. Otherwise 422
 * `COMMITMENT.REFUSED` with every broken rule at its field.
 */
export function assertCommitmentAllowed(
  c: Context<AppEnv>,
  tenant: Pick<VisitFacts, 'tenant' | 'policyDocument' | 'policyVersion'>,
  claim: CommitmentClaim,
): void {
  const today = localDateAt(toInstant(c.var.services.ports.now()), tenant.tenant.timeZone);
  const problems = judgeCommitment({ ...claim, today }, tenantCompliance(tenant).field);
  if (problems.length === 0) return;
  const rules = problems.map(({ rule, code, data, message }) => ({ rule, code, data, message }));
  throw new ApiError(
    'COMMITMENT.REFUSED',
    `The ${claim.kind} cannot be recorded: ${problems.map((problem) => problem.message).join('; ')}.`,
    {
      errors: problems.map((problem) => ({
        path: claim.paths[problem.field],
        in: 'body' as const,
        message: problem.message,
        code: problem.code,
      })),
      extra: { rules },
    },
  );
}

/**
 * Recording what happened. A promise in the outcome must follow the rules of the visit
 * (`assertCommitmentAllowed`). A visit's moment is judged once: at check-in, or here when the agent
 * skipped the check-in (then at the planned start, else now). Where the pack forbids telling third
 * parties of the debt, an outcome that met only a third party without the agent confirming
 * `no_disclosure_to_third_parties` is refused: a breach is escalated, not filed as a routine visit.
 */
export async function assertOutcomeAllowed(
  c: Context<AppEnv>,
  visit: Pick<VisitRow, 'id' | 'caseId' | 'agentIds' | 'checkedInAt' | 'windowStart'>,
  outcome: { contactResult: ContactResult; checklist: CommitmentFacts['checklist'] },
  commitment: Omit<CommitmentClaim, 'contactResult' | 'checklist' | 'kind' | 'channel'> | null,
): Promise<void> {
  const assessed = await factsFor(c, visit.caseId, visit.id);
  if (commitment !== null)
    assertCommitmentAllowed(c, assessed.facts, {
      ...commitment,
      kind: 'promise',
      channel: 'visit',
      contactResult: outcome.contactResult,
      checklist: outcome.checklist,
    });
  const subject = { type: 'visit' as const, id: visit.id };
  if (visit.checkedInAt === null) {
    const at = visit.windowStart ?? c.var.services.ports.now();
    const decision = checkIn(assessed, visit, new Date(at).toISOString());
    if (!decision.allowed) throw await refusal(c, subject, decision.vetoes);
  }
  if (!(DISCLOSURE_CODE in assessed.pack.reasons)) return;
  const confirmed = outcome.checklist.some(
    (entry) => entry.item === 'no_disclosure_to_third_parties' && entry.confirmed,
  );
  const vetoes = assessDisclosure({ metParty: MET_PARTY[outcome.contactResult], debtDisclosed: !confirmed });
  if (vetoes.length > 0) throw await refusal(c, subject, vetoes);
}

export type Overridability =
  | { kind: 'overridable'; veto: Veto }
  | { kind: 'not-overridable'; veto: Veto }
  | { kind: 'not-vetoing' };

/**
 * Whether a supervisor may lift `rule` for this visit: the rule must veto the visit as planned (its
 * window and team, or this instant when it has no window) and say it is overridable.
 */
export async function overridabilityOf(
  c: Context<AppEnv>,
  visit: Pick<VisitRow, 'id' | 'caseId' | 'agentIds' | 'windowStart' | 'windowEnd'>,
  rule: string,
): Promise<Overridability> {
  const { facts, compliance } = await factsFor(c, visit.caseId, visit.id);
  const now = c.var.services.ports.now();
  const { vetoes } = compliance.assessVisit({
    ...facts.query,
    staff: staffOf(AgentIdsSchema.parse(visit.agentIds)),
    interval: {
      start: new Date(visit.windowStart ?? now).toISOString(),
      end: new Date(visit.windowEnd ?? now).toISOString(),
    },
    stage: 'planning',
  });
  const named = vetoes.filter((veto) => veto.rule === rule);
  const binding = named.find((veto) => !veto.overridable);
  if (binding) return { kind: 'not-overridable', veto: binding };
  return named[0] ? { kind: 'overridable', veto: named[0] } : { kind: 'not-vetoing' };
}

/**
 * For the `plan.solve` job, hence a database and a tenant rather than a request context: per case,
 * the pack's `planningWindows` over the tenant's local `day` as if the plan were made at `plannedAt`
 * (the allowed times, empty under any veto, and the team the pack needs). Check-in judges each visit
 * again. Cases not of the tenant are absent.
 *
 * @example
 * const windows = await allowedWindowsFor(db, tenantId, caseIds, '2026-11-03', nowIso);
 * const timeWindows = caseIds.map((id) => windows.get(id)?.windows ?? []);
 */
export async function allowedWindowsFor(
  db: Database,
  tenantId: string,
  caseIds: readonly string[],
  day: LocalDate,
  plannedAt: Instant,
): Promise<Map<string, PlanningWindows>> {
  const all = await loadCasesFacts(db, tenantId, caseIds, null);
  const result = new Map<string, PlanningWindows>();
  for (const [caseId, facts] of all) {
    const { compliance } = tenantCompliance(facts);
    const zone = facts.tenant.timeZone;
    const interval = { start: startOfLocalDay(day, zone), end: startOfLocalDay(addDays(day, 1), zone) };
    result.set(caseId, planningWindows(compliance, { ...facts.query, interval }, plannedAt));
  }
  return result;
}
