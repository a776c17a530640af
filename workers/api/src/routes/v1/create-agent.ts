import type { z } from '@hono/zod-openapi';
import { WRITERS } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { etagOf } from '../../middleware/etag';
import { insertAgent } from '../../repositories/agents';
import { audited } from '../../repositories/audit';
import { AgentCreateSchema, AgentSchema, agentBody } from './agent-schema';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';

const createAgentExample = {
  name: 'Li Wei',
  agencyId: null,
  homeBase: { lat: 22.5431, lon: 114.0579 },
  shift: { start: '09:00', end: '18:00' },
  skills: ['hardship_review'],
  languages: ['zh', 'yue'],
  territory: ['futian', 'luohu'],
  dailyCapacity: 8,
} satisfies z.input<typeof AgentCreateSchema>;

export const route = partnerRoute(WRITERS, {
  operationId: 'createAgent',
  method: 'post',
  path: '/v1/agents',
  tags: ['Agents'],
  summary: 'Create a field agent',
  request: {
    body: {
      content: { 'application/json': { schema: AgentCreateSchema, example: createAgentExample } },
      required: true,
    },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: AgentSchema } } },
    ...problems(400, 409),
  },
});

export function registerCreateAgent(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const { db, ports } = c.var.services;
    const now = ports.now();
    const row = {
      id: ports.newId('agt'),
      tenantId: c.var.auth.tenantId,
      agencyId: body.agencyId,
      name: body.name,
      homeLat: body.homeBase.lat,
      homeLon: body.homeBase.lon,
      shiftStart: body.shift.start,
      shiftEnd: body.shift.end,
      skills: body.skills,
      languages: body.languages,
      territory: body.territory,
      territoryAreas: body.territoryAreas,
      seniority: body.seniority,
      dailyCapacity: body.dailyCapacity,
      active: body.active,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await audited(c, { action: 'agent.created', subjectType: 'agent', subjectId: row.id }, [
      insertAgent(db, row),
    ]);
    c.header('Location', `/v1/agents/${row.id}`);
    c.header('ETag', etagOf(row.version));
    return c.json(agentBody(row), 201);
  });
}
