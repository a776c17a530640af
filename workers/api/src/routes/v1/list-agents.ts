import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { listAgents } from '../../repositories/agents';
import { AgentSchema, agentBody } from './agent-schema';
import { partnerRoute } from './partner-route';
import { PageQuerySchema, pageOf, problems } from './schemas';

const CursorSchema = z.tuple([z.string()]);

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'listAgents',
  method: 'get',
  path: '/v1/agents',
  tags: ['Agents'],
  summary: 'List field agents',
  description: 'In id order. An agency key sees its own agents; an agent key only itself.',
  request: { query: PageQuerySchema },
  responses: {
    200: {
      description: 'A page of agents',
      content: { 'application/json': { schema: pageOf(AgentSchema, 'AgentPage') } },
    },
    ...problems(),
  },
});

export function registerListAgents(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const after = (await decodeCursor(c, cursor, CursorSchema))?.[0] ?? null;
    const rows = await listAgents(c.var.services.db, c.var.auth, { limit, after });
    const page = await paginate(c, rows, limit, (row) => [row.id]);
    return c.json({ items: page.items.map(agentBody), nextCursor: page.nextCursor }, 200);
  });
}
