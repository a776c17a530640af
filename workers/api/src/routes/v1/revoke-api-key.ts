import { freeText } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findKey, keepsAnAdmin, revokeKey } from '../../repositories/api-keys';
import { audited } from '../../repositories/audit';
import { ApiKeySchema, apiKeyBody } from './api-key-schema';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';

const RevokeSchema = z.object({ reason: freeText({ min: 1, max: 500, trim: true }) }).openapi('ApiKeyRevoke');

const revokeApiKeyExample = { reason: 'The agent reported the phone lost.' } satisfies z.input<
  typeof RevokeSchema
>;

export const route = partnerRoute(['admin'], {
  operationId: 'revokeApiKey',
  method: 'post',
  path: '/v1/api-keys/{keyId}/revoke',
  tags: ['API keys'],
  summary: 'Revoke an API key',
  description:
    'Takes effect on the next request. Revoking a revoked key changes nothing. The tenant’s last active admin key cannot be revoked (409): create or rotate another admin key first, so the tenant is never locked out.',
  request: {
    params: idParam('keyId', 'key'),
    body: {
      content: { 'application/json': { schema: RevokeSchema, example: revokeApiKeyExample } },
      required: true,
    },
  },
  responses: {
    200: { description: 'Revoked', content: { 'application/json': { schema: ApiKeySchema } } },
    ...problems(400, 404, 409),
  },
});

export function registerRevokeApiKey(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { keyId } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const { db, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    const row = await findKey(db, tenantId, keyId);
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such API key.');
    const now = ports.now();
    const { committed } = await audited(
      c,
      { action: 'api-key.revoked', subjectType: 'api_key', subjectId: keyId, reason },
      [revokeKey(db, tenantId, keyId, now)],
      { holds: keepsAnAdmin(tenantId, keyId, now) },
    );
    if (!committed)
      throw new ApiError(
        'RESOURCE.CONFLICT',
        'This is the tenant’s last active admin key; create another admin key before revoking it.',
      );
    return c.json(apiKeyBody({ ...row, revokedAt: row.revokedAt ?? now }), 200);
  });
}
