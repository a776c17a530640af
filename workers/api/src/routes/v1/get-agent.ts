import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf } from '../../middleware/etag';
import { findAgent } from '../../repositories/agents';
import { AgentSchema, agentBody } from './agent-schema';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'getAgent',
  method: 'get',
  path: '/v1/agents/{agentId}',
  tags: ['Agents'],
  summary: 'Get a field agent',
  request: { params: idParam('agentId', 'agt') },
  responses: {
    200: { description: 'The agent', content: { 'application/json': { schema: AgentSchema } } },
    ...problems(404),
  },
});

export function registerGetAgent(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const row = await findAgent(c.var.services.db, c.var.auth, c.req.valid('param').agentId);
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such agent.');
    c.header('ETag', etagOf(row.version));
    return c.json(agentBody(row), 200);
  });
}
