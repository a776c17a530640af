import { z } from '@hono/zod-openapi';
import { MASK } from '../../auth/roles';
import type { PlanRow } from '../../planning/visit-plans';

const ReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const PointSchema = z.object({ lat: z.number(), lon: z.number() });

const IntervalSchema = z.object({ start: z.string(), end: z.string() });

const StopSchema = z.object({
  visitId: z.string(),
  caseId: z.string(),
  order: z.number().int().nullable(),
  window: IntervalSchema.openapi({
    description:
      'The planned visit: `start` is the arrival the route was solved for, `end` when the team leaves.',
  }),
  allowedWindows: z.array(IntervalSchema).nullable().openapi({
    description:
      'When compliance allowed the visit that day, as the planner was given it (the pack’s hours, holidays, notice): the window it planned lay inside one (a visit rescheduled since keeps these; its new window was judged on its own). Null for a visit planned before the windows were recorded.',
  }),
  agentIds: z.array(z.string()),
  status: z.enum(['planned', 'checked_in', 'completed']),
  customerName: z.string().openapi({ description: 'Masked as `***` for analyst and agency keys.' }),
  location: PointSchema.nullable().openapi({
    description:
      'The customer’s geocoded address; rounded to 0.01° (about 1 km) for analyst and agency keys, null when not geocoded.',
  }),
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
    routes: z.array(
      z.object({
        leadAgentId: z.string(),
        start: PointSchema.nullable().openapi({
          description: 'Where the route starts: the lead agent’s home base (null when unknown).',
        }),
        stops: z.array(StopSchema),
      }),
    ),
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
type Point = z.infer<typeof PointSchema>;

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
  customer_name: string | null;
  lat: number | null;
  lon: number | null;
  start_lat: number | null;
  start_lon: number | null;
}

/** A point, or its 0.01° cell for a key that sees the numbers rather than the people. */
const pointOf = (lat: number | null, lon: number | null, masked: boolean): Point | null => {
  if (lat === null || lon === null) return null;
  const round = (value: number) => (masked ? Math.round(value * 100) / 100 : value);
  return { lat: round(lat), lon: round(lon) };
};

const StatsSchema = z.object({
  workload: WorkloadSchema.nullable().default(null),
  idleAgents: z.array(IdleAgentSchema).default([]),
  travel: TravelRecordSchema.nullable().default(null),
  allowedWindows: z.record(z.string(), z.array(IntervalSchema)).default({}),
});

/** A visit still on the plan's day: neither called off nor taken off it by a re-plan. */
export const ON_THE_DAY_SQL = `visit.status IN ('planned', 'checked_in', 'completed')`;

/** A plan as the API answers it: the day's routes (visits called off or taken off the day left out). */
export async function planBody(d1: D1Database, plan: PlanRow | null, masked: boolean): Promise<Plan> {
  if (!plan) throw new Error('a plan row read right after its write is missing');
  const { results } = await d1
    .prepare(
      `SELECT visit.id, visit.case_id, visit.lead_agent_id, visit.agent_ids, visit.route_order,
         visit.window_start, visit.window_end, visit.status, visit.prepared_at, customer.name AS customer_name,
         customer.lat, customer.lon, lead.home_lat AS start_lat, lead.home_lon AS start_lon
       FROM visits visit
         JOIN cases kase ON kase.tenant_id = visit.tenant_id AND kase.id = visit.case_id
         LEFT JOIN customers customer ON customer.tenant_id = kase.tenant_id AND customer.id = kase.customer_id
         LEFT JOIN agents lead ON lead.tenant_id = visit.tenant_id AND lead.id = visit.lead_agent_id
       WHERE visit.tenant_id = ? AND visit.plan_id = ? AND ${ON_THE_DAY_SQL}
       ORDER BY visit.lead_agent_id, visit.window_start, visit.route_order`,
    )
    .bind(plan.tenant_id, plan.id)
    .all<VisitRow>();
  const stats = StatsSchema.parse(JSON.parse(plan.stats));
  const routes = new Map<string, Plan['routes'][number]>();
  for (const row of results) {
    const lead = row.lead_agent_id ?? '';
    const route = routes.get(lead) ?? {
      leadAgentId: lead,
      start: pointOf(row.start_lat, row.start_lon, masked),
      stops: [],
    };
    routes.set(lead, route);
    route.stops.push({
      visitId: row.id,
      caseId: row.case_id,
      order: row.route_order,
      window: {
        start: new Date(row.window_start ?? 0).toISOString(),
        end: new Date(row.window_end ?? 0).toISOString(),
      },
      allowedWindows: stats.allowedWindows[row.case_id] ?? null,
      agentIds: JSON.parse(row.agent_ids) as string[],
      status: row.status,
      customerName: masked ? MASK : (row.customer_name ?? ''),
      location: pointOf(row.lat, row.lon, masked),
      preparedAt: row.prepared_at === null ? null : new Date(row.prepared_at).toISOString(),
    });
  }
  return {
    id: plan.id,
    date: plan.date,
    regionId: plan.region_id,
    status: plan.status as Plan['status'],
    routes: [...routes.values()],
    unplanned: JSON.parse(plan.unassigned) as Plan['unplanned'],
    workload: stats.workload,
    idleAgents: stats.idleAgents,
    travel: stats.travel,
    preparation: { prepared: results.filter((r) => r.prepared_at !== null).length, total: results.length },
    version: plan.version,
  };
}
