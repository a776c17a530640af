import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findKey, insertKey, keyIsUnrevoked, revokeKey } from '../../repositories/api-keys';
import { audited } from '../../repositories/audit';
import { newApiKey } from '../../repositories/new-api-key';
import { indexKeyStatement } from '../../shards/placement';
import { apiKeyBody, CreatedApiKeySchema } from './api-key-schema';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';

export const route = partnerRoute(['admin'], {
  operationId: 'rotateApiKey',
  method: 'post',
  path: '/v1/api-keys/{keyId}/rotate',
  tags: ['API keys'],
  summary: 'Rotate an API key',
  description:
    'Issues a new key with the same name, role and scope and revokes the old one in the same write. A key is rotated once: of concurrent rotations one succeeds and the others get 409, so there is never a second successor. Retry with the same Idempotency-Key to get the same new secret back.',
  request: { params: idParam('keyId', 'key') },
  responses: {
    201: { description: 'The new key', content: { 'application/json': { schema: CreatedApiKeySchema } } },
    ...problems(400, 404, 409),
  },
});

export function registerRotateApiKey(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { keyId } = c.req.valid('param');
    const { db, directory, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    const old = await findKey(db, tenantId, keyId);
    if (!old || old.revokedAt !== null) throw new ApiError('RESOURCE.NOT_FOUND', 'No such active API key.');
    const { row, secret } = await newApiKey(ports, tenantId, {
      name: old.name,
      role: old.role,
      agencyId: old.agencyId,
      agentId: old.agentId,
      expiresAt: old.expiresAt,
    });
    await indexKeyStatement(directory, row.keyHash, tenantId).run();
    const { committed } = await audited(
      c,
      { action: 'api-key.rotated', subjectType: 'api_key', subjectId: keyId, data: { replacedBy: row.id } },
      [insertKey(db, row), revokeKey(db, tenantId, keyId, row.createdAt)],
      { holds: keyIsUnrevoked(tenantId, keyId) },
    );
    if (!committed)
      throw new ApiError(
        'RESOURCE.CONFLICT',
        'The key was rotated or revoked meanwhile; list the keys again.',
      );
    c.header('Location', `/v1/api-keys/${row.id}`);
    return c.json({ apiKey: apiKeyBody(row), secret }, 201);
  });
}
