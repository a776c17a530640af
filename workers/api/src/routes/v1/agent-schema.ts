import { freeText, SENIORITIES, withRule } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import type { AgentRow } from '../../repositories/agents';
import { isoOf } from './schemas';

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM');

/** The editable fields of an agent; create needs all of them, update any subset. */
export const AgentFieldsSchema = z.object({
  name: freeText({ min: 1, max: 100 }),
  agencyId: z.string().min(4).max(64).nullable(),
  homeBase: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
  shift: z
    .object({ start: LocalTime, end: LocalTime })
    .openapi({ description: 'Local wall-clock hours in the tenant’s zone.' }),
  skills: z.array(freeText({ min: 1, max: 50 })).max(30),
  languages: z.array(freeText({ min: 2, max: 20 })).max(20),
  territory: z
    .array(freeText({ min: 1, max: 64 }))
    .max(100)
    .openapi({
      description:
        'Region ids the agent covers. With `territoryAreas`, where the planner may send the agent: a case in one of these regions or inside one of the areas. Both empty: anywhere.',
    }),
  territoryAreas: z
    .array(
      z
        .array(z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }))
        .min(3)
        .max(200),
    )
    .max(20)
    .openapi({ description: 'Areas the agent covers, each a polygon of corners in order.' }),
  seniority: z.enum(SENIORITIES).openapi({
    description: 'A `senior` agent brings the skill `senior` (e.g. a business loan needs a senior officer).',
  }),
  dailyCapacity: z.number().int().min(1).max(50),
  active: z.boolean(),
});

export const AgentCreateSchema = AgentFieldsSchema.extend({
  active: z.boolean().default(true),
  skills: AgentFieldsSchema.shape.skills.default([]),
  languages: AgentFieldsSchema.shape.languages.default([]),
  territory: AgentFieldsSchema.shape.territory.default([]),
  territoryAreas: AgentFieldsSchema.shape.territoryAreas.default([]),
  seniority: AgentFieldsSchema.shape.seniority.default('junior'),
}).openapi('AgentCreate');

export const AgentUpdateSchema = withRule(
  AgentFieldsSchema.partial(),
  'Change at least one field',
  (patch) => Object.keys(patch).length > 0,
).openapi('AgentUpdate');

export const AgentSchema = AgentFieldsSchema.extend({
  id: z.string().openapi({ example: 'agt_3kq9w0…' }),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi('Agent');

export function agentBody(row: AgentRow): z.infer<typeof AgentSchema> {
  return {
    id: row.id,
    name: row.name,
    agencyId: row.agencyId,
    homeBase: { lat: row.homeLat, lon: row.homeLon },
    shift: { start: row.shiftStart, end: row.shiftEnd },
    skills: row.skills as string[],
    languages: row.languages as string[],
    territory: row.territory as string[],
    territoryAreas: row.territoryAreas as { lat: number; lon: number }[][],
    seniority: row.seniority,
    dailyCapacity: row.dailyCapacity,
    active: row.active,
    version: row.version,
    createdAt: isoOf(row.createdAt),
    updatedAt: isoOf(row.updatedAt),
  };
}

/** API fields → columns, for whichever fields a create or update carries. */
export function agentColumns(fields: Partial<z.infer<typeof AgentFieldsSchema>>): Partial<AgentRow> {
  const { homeBase, shift, ...rest } = fields;
  return {
    ...rest,
    ...(homeBase ? { homeLat: homeBase.lat, homeLon: homeBase.lon } : {}),
    ...(shift ? { shiftStart: shift.start, shiftEnd: shift.end } : {}),
  };
}
