/**
 * What a day's planning input is made of, read from D1 for the first solve and for every re-plan alike:
 * the agents as people (shift, skills, languages, seniority, territory), the candidates with their
 * allowed windows (the compliance pack's), the staff and the requirements (the preparation policy's),
 * and the travel between all their places (the tenant's `TravelTimes`).
 */
import {
  type AgentId,
  type CaseId,
  type GeoPoint,
  type Instant,
  type Interval,
  type LocalDate,
  type PlanningAgent,
  type PlanningCandidate,
  type PlanningProposal,
  type ResolvedPolicySet,
  type TenantSettings,
  type TravelPoint,
  type TravelTable,
  visitRequirements,
  zonedToInstant,
} from '@doorstep/core';
import { and, eq, sql } from 'drizzle-orm';
import { allowedWindowsFor } from '../compliance/enforce';
import type { Database } from '../db/client';
import { accounts, cases, customers } from '../db/schema';
import type { RuntimePorts } from '../ports/runtime';
import { coreAccount, coreCase, coreCustomer } from '../repositories/domain';
import { measuredTravel, type TravelRecord } from './travel/measured';

/** Where a planning job reads and writes, and how it may reach a travel service. */
export interface PlanningContext {
  db: Database;
  d1: D1Database;
  ports: RuntimePorts;
  outbound: { fetch: typeof fetch; mode: string };
}

interface AgentRow {
  id: string;
  home_lat: number;
  home_lon: number;
  shift_start: string;
  shift_end: string;
  skills: string;
  languages: string;
  territory: string;
  territory_areas: string;
  seniority: 'junior' | 'senior';
  daily_capacity: number;
}

/** The tenant's active agents among `agentIds`, as the people of the day (each one staff). */
export async function agentsOfDay(
  d1: D1Database,
  tenant: TenantSettings,
  agentIds: readonly string[],
  date: LocalDate,
): Promise<PlanningAgent[]> {
  const { results } = await d1
    .prepare(
      `SELECT id, home_lat, home_lon, shift_start, shift_end, skills, languages, territory, territory_areas,
         seniority, daily_capacity
       FROM agents WHERE tenant_id = ? AND active = 1 AND id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .bind(tenant.tenantId, JSON.stringify(agentIds))
    .all<AgentRow>();
  const at = (time: string) => zonedToInstant(date, time, tenant.timeZone);
  return results.map((row) => ({
    agentId: row.id as AgentId,
    base: { lat: row.home_lat, lon: row.home_lon },
    maxVisits: row.daily_capacity,
    shift: { start: at(row.shift_start), end: at(row.shift_end) },
    skills: JSON.parse(row.skills) as string[],
    languages: JSON.parse(row.languages) as string[],
    seniority: row.seniority,
    territory: {
      regions: JSON.parse(row.territory) as string[],
      areas: JSON.parse(row.territory_areas) as GeoPoint[][],
    },
  }));
}

/** A case the day may visit, with where and how urgently. */
export interface CaseToPlan {
  id: string;
  priority: number | null;
  lat: number;
  lon: number;
}

/**
 * The candidates as the planner takes them: the pack's windows on `date` as if planned at `plannedAt`
 * (a case a veto stands on gets none, and the planner says so), the pack's staff (or `minStaff` when
 * more), and the skills and language the preparation policy requires of the team.
 */
export async function candidatesOfDay(
  ctx: PlanningContext,
  tenant: TenantSettings,
  set: ResolvedPolicySet,
  cases_: readonly CaseToPlan[],
  day: { date: LocalDate; plannedAt: Instant; minStaff: number },
): Promise<PlanningCandidate[]> {
  const ids = cases_.map((c) => c.id);
  // One bound JSON list rather than one parameter per case: D1 binds at most 100 per statement.
  const listed = sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
  const ofTenant = eq(cases.tenantId, tenant.tenantId);
  // The customers and accounts of the listed cases.
  const ofListed = (column: 'customer_id' | 'account_id') =>
    sql`(SELECT ${sql.raw(column)} FROM cases WHERE tenant_id = ${tenant.tenantId} AND id IN ${listed})`;
  const [windows, [caseRows, customerRows, accountRows]] = await Promise.all([
    allowedWindowsFor(ctx.db, tenant.tenantId, ids, day.date, day.plannedAt),
    ctx.db.batch([
      ctx.db
        .select()
        .from(cases)
        .where(and(ofTenant, sql`${cases.id} IN ${listed}`)),
      ctx.db
        .select()
        .from(customers)
        .where(
          and(eq(customers.tenantId, tenant.tenantId), sql`${customers.id} IN ${ofListed('customer_id')}`),
        ),
      ctx.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.tenantId, tenant.tenantId), sql`${accounts.id} IN ${ofListed('account_id')}`)),
    ]),
  ]);
  const caseOf = new Map(caseRows.map((r) => [r.id, r]));
  const customerOf = new Map(customerRows.map((r) => [r.id, r]));
  const accountOf = new Map(accountRows.map((r) => [r.id, r]));
  return cases_.map((c): PlanningCandidate => {
    const kase = caseOf.get(c.id);
    const customer = kase && customerOf.get(kase.customerId);
    const account = kase && accountOf.get(kase.accountId);
    // Requirements come from the case's customer and account; a case read without them needs none.
    const required =
      kase && customer && account
        ? visitRequirements(set, {
            tenant,
            customer: coreCustomer(customer),
            account: coreAccount(account),
            case: coreCase(kase),
          })
        : null;
    if (required && !required.ok) throw new Error(`preparation policy failed: ${required.error.policyId}`);
    const needs = required?.ok ? required.value : { skills: [], language: null };
    const allowed = windows.get(c.id);
    return {
      caseId: c.id as CaseId,
      priority: c.priority ?? 0,
      location: { lat: c.lat, lon: c.lon },
      regionId: customer?.regionId ?? kase?.regionId ?? null,
      windows: allowed?.windows ?? [],
      // 0 = the planning policy's own default visit length (`defaultServiceMinutes`).
      durationMinutes: 0,
      staffNeeded: Math.max(day.minStaff, allowed?.staffNeeded ?? 1),
      skills: needs.skills,
      ...(needs.language === null ? {} : { language: needs.language }),
    };
  });
}

/**
 * The allowed windows the planner was given for each case it placed, kept with the plan so a supervisor
 * sees each stop against the hours compliance allowed that day. A stop that was no candidate (a re-plan
 * keeps visits done or under way where they are) has none here: it keeps those it was first planned in.
 */
export function allowedWindowsOfStops(
  candidates: readonly PlanningCandidate[],
  proposal: PlanningProposal,
): Record<string, Interval[]> {
  const windowsOf = new Map(candidates.map((c) => [c.caseId as string, c.windows]));
  return Object.fromEntries(
    proposal.routes.flatMap((route) =>
      route.stops.flatMap((stop) => {
        const windows = windowsOf.get(stop.caseId);
        return windows ? [[stop.caseId, windows] as const] : [];
      }),
    ),
  );
}

/** Travel between every base, position and customer of the day, through the tenant's `TravelTimes`. */
export async function travelOfDay(
  ctx: PlanningContext,
  input: {
    tenantId: string;
    planId: string;
    settings: unknown;
    agents: readonly PlanningAgent[];
    candidates: readonly PlanningCandidate[];
    positions?: readonly GeoPoint[];
  },
): Promise<{ table: TravelTable; record: TravelRecord }> {
  const points: TravelPoint[] = [
    ...input.agents.flatMap((a) => [a.base, ...(a.end ? [a.end] : [])]),
    ...(input.positions ?? []),
    ...input.candidates.map((c) => ({ ...c.location, regionId: c.regionId ?? null })),
  ];
  return measuredTravel(ctx.d1, {
    tenantId: input.tenantId,
    planId: input.planId,
    settings: input.settings,
    points,
    outbound: ctx.outbound,
    now: ctx.ports.now(),
  });
}
