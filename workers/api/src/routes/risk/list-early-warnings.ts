import { z } from '@hono/zod-openapi';
import { MASK, masksPersonalData } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import {
  type EarlyWarningCursor,
  latestScoredOn,
  listEarlyWarnings,
  reasonsOf,
} from '../../risk/early-warnings';
import { partnerRoute } from '../v1/partner-route';
import { PageQuerySchema, problems } from '../v1/schemas';
import { EarlyWarningPageSchema } from './early-warning-schema';

const QuerySchema = PageQuerySchema.extend({
  action: z.enum(['none', 'reminder', 'call']).optional().openapi({ description: 'Only this action.' }),
  band: z.string().max(32).optional().openapi({ description: 'Only this score band.', example: 'high' }),
});

const CursorSchema = z.tuple([z.iso.date(), z.number(), z.string()]);

// Field agents and agencies work overdue cases; a list of customers who are not overdue is the
// programme's (supervisors') and the analysts' business, never a visit list.
export const route = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/early-warnings',
  operationId: 'listEarlyWarnings',
  tags: ['Early warnings'],
  summary: 'Customers most likely to miss their next payment',
  description:
    'Accounts that are not overdue, scored by the daily run of the policy set’s risk model, most likely first, each with the reasons that raised its score in words and the action the policy set chose (a reminder or a call; never a visit before the account is overdue). Lists the latest completed day; a cursor keeps its day.',
  request: { query: QuerySchema },
  responses: {
    200: {
      description: 'A page of early warnings',
      content: { 'application/json': { schema: EarlyWarningPageSchema } },
    },
    ...problems(),
  },
});

export function registerListEarlyWarnings(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor, action, band } = c.req.valid('query');
    const { tenantId } = c.var.auth;
    const { d1 } = c.var.services;
    const after = (await decodeCursor(c, cursor, CursorSchema)) as EarlyWarningCursor | null;
    const scoredOn = after?.[0] ?? (await latestScoredOn(d1, tenantId));
    if (scoredOn === null) return c.json({ scoredOn: null, items: [], nextCursor: null }, 200);
    const rows = await listEarlyWarnings(d1, tenantId, scoredOn, { action, band }, { limit, after });
    const page = await paginate(c, rows, limit, (row) => [row.scored_on, row.probability, row.account_id]);
    const mask = masksPersonalData(c.var.auth);
    return c.json(
      {
        scoredOn,
        items: page.items.map((row) => ({
          customer: {
            id: row.customer_id,
            externalRef: row.customer_ref,
            name: mask ? MASK : row.name,
            phone: mask && row.phone !== null ? MASK : row.phone,
          },
          account: { id: row.account_id, externalRef: row.account_ref, product: row.product },
          probability: row.probability,
          band: row.band,
          action: row.action,
          reasons: reasonsOf(row.reasons),
          actionReasons: reasonsOf(row.action_reasons),
          model: row.model,
          latestStatement: row.latest_period,
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
}
