import { generateApiKey, hashApiKey, visiblePrefixOf } from '../auth/api-key';
import type { Role } from '../auth/roles';
import type { RuntimePorts } from '../ports/runtime';
import type { ApiKeyRow } from './api-keys';

/** A new key row and its secret; the secret leaves this function only in the creation response. */
export async function newApiKey(
  ports: RuntimePorts,
  tenantId: string,
  spec: {
    name: string;
    role: Role;
    agencyId: string | null;
    agentId: string | null;
    expiresAt: number | null;
  },
): Promise<{ row: ApiKeyRow; secret: string }> {
  const secret = generateApiKey();
  return {
    secret,
    row: {
      id: ports.newId('key'),
      tenantId,
      ...spec,
      keyHash: await hashApiKey(secret),
      keyPrefix: visiblePrefixOf(secret),
      createdAt: ports.now(),
      revokedAt: null,
      lastUsedAt: null,
    },
  };
}
