import { z } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { relationshipPreferences } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { auditStatement } from '../../repositories/audit';
import { findCustomer } from '../../repositories/customers';
import { partnerRoute } from '../v1/partner-route';
import { idParam, isoOf, problems, ReportedInstantSchema } from '../v1/schemas';

const PreferenceInputSchema = z
  .object({
    choice: z.enum(['opted_in', 'opted_out']),
    channel: z.enum(['app', 'visit', 'call', 'sms', 'email', 'letter', 'branch']),
    statedAt: ReportedInstantSchema.openapi({
      description: 'When the customer said it (not in the future).',
    }),
  })
  .openapi('RelationshipPreferenceInput');

const PreferenceSchema = z
  .object({
    customerId: z.string(),
    choice: z
      .enum(['opted_in', 'opted_out'])
      .nullable()
      .openapi({ description: 'null: the customer never said.' }),
    channel: z.string().nullable(),
    statedAt: z.string().nullable(),
  })
  .openapi('RelationshipPreference', {
    description:
      'Whether the customer accepts lessons and the light check-ins after a cure. `opted_out` stops every lesson and check-in; under an opt-in relationship policy, contact after a cure needs `opted_in`.',
  });

type PreferenceRow = typeof relationshipPreferences.$inferSelect;
const preferenceBody = (
  customerId: string,
  row: PreferenceRow | undefined,
): z.infer<typeof PreferenceSchema> => ({
  customerId,
  choice: row?.choice ?? null,
  channel: row?.channel ?? null,
  statedAt: row ? isoOf(row.statedAt) : null,
});

const findPreference = (db: Database, tenantId: string, customerId: string) =>
  db
    .select()
    .from(relationshipPreferences)
    .where(
      and(eq(relationshipPreferences.tenantId, tenantId), eq(relationshipPreferences.customerId, customerId)),
    )
    .get();

export const putRoute = partnerRoute(['admin', 'supervisor', 'agency', 'agent'], {
  method: 'put',
  path: '/v1/customers/{customerId}/relationship-preference',
  operationId: 'setRelationshipPreference',
  tags: ['Education'],
  summary: 'Record that the customer opted in to or out of lessons and check-ins',
  description:
    'The latest statement wins by `statedAt`, so a retried or late-arriving older one changes nothing (the answer shows what holds). Honoured by every sender: follow-up lessons, agents’ lesson offers and check-ins after a cure. Each change is audited.',
  request: {
    params: idParam('customerId', 'cus'),
    body: { content: { 'application/json': { schema: PreferenceInputSchema } }, required: true },
  },
  responses: {
    200: { description: 'What holds now', content: { 'application/json': { schema: PreferenceSchema } } },
    ...problems(404),
  },
});

export const getRoute = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  method: 'get',
  path: '/v1/customers/{customerId}/relationship-preference',
  operationId: 'getRelationshipPreference',
  tags: ['Education'],
  summary: 'Whether the customer accepts lessons and check-ins',
  request: { params: idParam('customerId', 'cus') },
  responses: {
    200: { description: 'The preference', content: { 'application/json': { schema: PreferenceSchema } } },
    ...problems(404),
  },
});

export function registerRelationshipPreference(app: ReturnType<typeof createRouter>) {
  app.openapi(putRoute, async (c) => {
    const { customerId } = c.req.valid('param');
    const { choice, channel, statedAt } = c.req.valid('json');
    const { db, d1, ports } = c.var.services;
    const { tenantId, keyId } = c.var.auth;
    if (!(await findCustomer(db, c.var.auth, customerId)))
      throw new ApiError('RESOURCE.NOT_FOUND', 'No such customer.');
    const now = ports.now();
    const stated = Date.parse(statedAt);
    await d1.batch([
      d1
        .prepare(
          `INSERT INTO relationship_preferences (tenant_id, customer_id, choice, channel, stated_at, recorded_by_key_id, recorded_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
           ON CONFLICT (tenant_id, customer_id) DO UPDATE SET choice = excluded.choice, channel = excluded.channel,
             stated_at = excluded.stated_at, recorded_by_key_id = excluded.recorded_by_key_id, recorded_at = excluded.recorded_at
           WHERE excluded.stated_at > relationship_preferences.stated_at`,
        )
        .bind(tenantId, customerId, choice, channel, stated, keyId, now),
      auditStatement(
        c,
        {
          action: `relationship.${choice === 'opted_out' ? 'opted-out' : 'opted-in'}`,
          subjectType: 'customer',
          subjectId: customerId,
          data: { channel, statedAt },
        },
        sql`changes() = 1`,
      ),
    ]);
    return c.json(preferenceBody(customerId, await findPreference(db, tenantId, customerId)), 200);
  });

  app.openapi(getRoute, async (c) => {
    const { customerId } = c.req.valid('param');
    const { db } = c.var.services;
    if (!(await findCustomer(db, c.var.auth, customerId)))
      throw new ApiError('RESOURCE.NOT_FOUND', 'No such customer.');
    return c.json(preferenceBody(customerId, await findPreference(db, c.var.auth.tenantId, customerId)), 200);
  });
}
