import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Role } from '../../auth/roles';
import { requireRole } from '../../middleware/authorize';
import { problem } from './schemas';

/** OpenAPI extension listing the roles allowed to call an operation; the authorization matrix test reads it. */
export const ROLES_EXTENSION = 'x-doorstep-roles';

/** Whether an operation takes a JSON body, the ones zod-openapi gates by `Content-Type` (415). */
const takesJson = (config: Pick<RouteConfig, 'request'>) =>
  Object.keys(config.request?.body?.content ?? {}).includes('application/json');

/**
 * `createRoute` for the partner API: bearer-key security, the allowed roles enforced by middleware and
 * published in the document, so the docs, the check and the matrix test cannot drift apart. An
 * operation with a body declares the 415 zod-openapi answers for a body in another content type.
 *
 * @example
 * export const route = partnerRoute(['admin', 'supervisor'], { method: 'get', path: '/v1/cases', … });
 */
export function partnerRoute<const P extends string, const R extends Omit<RouteConfig, 'path'> & { path: P }>(
  roles: readonly Role[],
  config: R,
) {
  return createRoute({
    ...config,
    responses: takesJson(config) ? { ...config.responses, 415: problem(415) } : config.responses,
    security: [{ apiKey: [] }],
    middleware: [requireRole(roles)],
    description: `${config.description ?? ''}\n\nRoles: ${roles.join(', ')}.`.trim(),
    [ROLES_EXTENSION]: roles,
  });
}
