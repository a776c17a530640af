import { z } from '@hono/zod-openapi';
import type { PlanRow } from '../../planning/visit-plans';

const ReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const StopSchema = z.object({
  visitId: z.string(),
  caseId: z.string(),
  order: z.number().int().nullable(),
  window: z.object({ start: z.string(), end: z.string() }),
  agentIds: z.array(z.string()),
  status: z.enum(['planned', 'checked_in', 'completed']),
  preparedAt: z.string().nullable().openapi({ description: 'When its dossier and purpose were prepared.' }),
});

export const WorkloadSchema = z
  .object({
    balanced: z.enum(['none', 'visits', 'minutes']).openapi({ description: 'What the planner evened out.' }),
    teams: z.array(
      z.object({ agentIds: z.array(z.string()), visits: z.number().int(), minutes: z.number().int() }),
    ),
    spread: z.object({ visits: z.number().int(), minutes: z.number().int() }).openapi({
      description: 'Largest minus smallest over the day’s teams, idle teams included.',
    }),
  })
  .openapi('Workload');

export const TravelRecordSchema = z
  .object({
    source: z.string().openapi({ example: 'osrm:https://osrm.bank.example' }),
    estimatedPairs: z.number().int(),
    problem: z.string().nullable().openapi({
      description: 'Why the straight-line model stood in for the tenant’s travel service, if it did.',
    }),
  })
  .openapi('TravelRecord');

export const IdleAgentSchema = z.object({ agentId: z.string(), reasons: z.array(ReasonSchema) });

export const PlanSchema = z
  .object({
    id: z.string(),
    date: z.string(),
    regionId: z.string().nullable(),
    status: z.enum(['solving', 'draft', 'published', 'failed']),
    routes: z.array(z.object({ leadAgentId: z.string(), stops: z.array(StopSchema) })),
    unplanned: z.array(z.object({ caseId: z.string(), reasons: z.array(ReasonSchema) })),
    workload: WorkloadSchema.nullable(),
    idleAgents: z.array(IdleAgentSchema).openapi({ description: 'Agents of the day in no team, and why.' }),
    travel: TravelRecordSchema.nullable(),
    preparation: z
      .object({ prepared: z.number().int(), total: z.number().int() })
      .openapi({ description: 'Visits whose dossier and purpose are prepared, of those on the day.' }),
    version: z
      .number()
      .int()
      .openapi({ description: 'Also sent as the `ETag`; a re-plan needs it in `If-Match`.' }),
  })
  .openapi('VisitPlan');

type Plan = z.infer<typeof PlanSchema>;

interface VisitRow {
  id: string;
  case_id: string;
  lead_agent_id: string | null;
  agent_ids: string;
  route_order: number | null;
  window_start: number | null;
  window_end: number | null;
  status: Plan['routes'][number]['stops'][number]['status'];
  prepared_at: number | null;
}

const StatsSchema = z.object({
  workload: WorkloadSchema.nullable().default(null),
  idleAgents: z.array(IdleAgentSchema).default([]),
  travel: TravelRecordSchema.nullable().default(null),
});

/** A plan as the API answers it: the day's routes (visits called off or taken off the day left out). */
export async function planBody(d1: D1Database, plan: PlanRow | null): Promise<Plan> {
  if (!plan) throw new Error('a plan row read right after its write is missing');
  const { results } = await d1
    .prepare(
      `SELECT id, case_id, lead_agent_id, agent_ids, route_order, window_start, window_end, status, prepared_at
       FROM visits WHERE tenant_id = ? AND plan_id = ? AND status IN ('planned', 'checked_in', 'completed')
       ORDER BY lead_agent_id, window_start, route_order`,
    )
    .bind(plan.tenant_id, plan.id)
    .all<VisitRow>();
  const routes = new Map<string, Plan['routes'][number]['stops']>();
  for (const row of results) {
    const lead = row.lead_agent_id ?? '';
    routes.set(lead, [
      ...(routes.get(lead) ?? []),
      {
        visitId: row.id,
        caseId: row.case_id,
        order: row.route_order,
        window: {
          start: new Date(row.window_start ?? 0).toISOString(),
          end: new Date(row.window_end ?? 0).toISOString(),
        },
        agentIds: JSON.parse(row.agent_ids) as string[],
        status: row.status,
        preparedAt: row.prepared_at === null ? null : new Date(row.prepared_at).toISOString(),
      },
    ]);
  }
  const stats = StatsSchema.parse(JSON.parse(plan.stats));
  return {
    id: plan.id,
    date: plan.date,
    regionId: plan.region_id,
    status: plan.status as Plan['status'],
    routes: [...routes].map(([leadAgentId, stops]) => ({ leadAgentId, stops })),
    unplanned: JSON.parse(plan.unassigned) as Plan['unplanned'],
    workload: stats.workload,
    idleAgents: stats.idleAgents,
    travel: stats.travel,
    preparation: { prepared: results.filter((r) => r.prepared_at !== null).length, total: results.length },
    version: plan.version,
  };
}
