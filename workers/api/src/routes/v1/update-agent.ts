import type { z } from '@hono/zod-openapi';
import { WRITERS } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf, ifMatchVersion, staleVersion } from '../../middleware/etag';
import { findAgent, updateAgent } from '../../repositories/agents';
import { audited, versionHolds } from '../../repositories/audit';
import { AgentSchema, AgentUpdateSchema, agentBody, agentColumns } from './agent-schema';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';

const updateAgentExample = { dailyCapacity: 6 } satisfies z.input<typeof AgentUpdateSchema>;

export const route = partnerRoute(WRITERS, {
  operationId: 'updateAgent',
  ifMatch: true,
  method: 'patch',
  path: '/v1/agents/{agentId}',
  tags: ['Agents'],
  summary: 'Update a field agent',
  description: 'Shifts, home base, skills, languages, territory, capacity, active. Needs `If-Match`.',
  request: {
    params: idParam('agentId', 'agt'),
    body: {
      content: { 'application/json': { schema: AgentUpdateSchema, example: updateAgentExample } },
      required: true,
    },
  },
  responses: {
    200: { description: 'Updated', content: { 'application/json': { schema: AgentSchema } } },
    ...problems(404, 412, 428),
  },
});

export function registerUpdateAgent(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const version = ifMatchVersion(c);
    const { agentId } = c.req.valid('param');
    const { db, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    const row = await findAgent(db, c.var.auth, agentId);
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such agent.');
    if (row.version !== version) throw staleVersion();
    const change = { ...agentColumns(c.req.valid('json')), updatedAt: ports.now() };
    const { committed } = await audited(
      c,
      {
        action: 'agent.updated',
        subjectType: 'agent',
        subjectId: agentId,
        data: { fields: Object.keys(change) },
      },
      [updateAgent(db, tenantId, agentId, version, change)],
      { holds: versionHolds('agents', tenantId, agentId, version) },
    );
    if (!committed) throw staleVersion();
    const updated = { ...row, ...change, version: version + 1 };
    c.header('ETag', etagOf(updated.version));
    return c.json(agentBody(updated), 200);
  });
}
