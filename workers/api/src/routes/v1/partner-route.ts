import type { RouteConfig } from '@hono/zod-openapi';
import type { Role } from '../../auth/roles';
import { parameterRef } from '../../http/request-headers';
import { requireRole } from '../../middleware/authorize';
import { requireIfMatch } from '../../middleware/etag';
import { defineOperation, type OperationContract, SECURITY } from '../operation';
import { problem } from './schemas';

/** OpenAPI extension listing the roles allowed to call an operation; the authorization matrix test reads it. */
export const ROLES_EXTENSION = 'x-doorstep-roles';

/** OpenAPI extension marking a POST that only reads (a lookup): no `Idempotency-Key` is declared or needed. */
export const READ_ONLY_EXTENSION = 'x-doorstep-read-only';

type PartnerConfig<P extends string> = Omit<RouteConfig, 'path' | 'parameters' | keyof OperationContract> & {
  path: P;
} & Omit<OperationContract, 'security'> & {
    /** The operation updates a versioned resource: `If-Match` is required (428) and must be current (412). */
    ifMatch?: true;
    /** A POST that only reads (a lookup with its ids in the body): stores nothing, needs no `Idempotency-Key`. */
    read?: true;
  };

/** Whether an operation takes a JSON body, the ones zod-openapi gates by `Content-Type` (415). */
const takesJson = (config: Pick<RouteConfig, 'request'>) =>
  Object.keys(config.request?.body?.content ?? {}).includes('application/json');

/**
 * `defineOperation` for the partner API: bearer-key security, the allowed roles enforced by middleware
 * and published in the document, and the headers the API enforces declared where it enforces them
 * (`Idempotency-Key` on every POST that writes, `If-Match` where `ifMatch` is set), so the docs, the checks and
 * the matrix test cannot drift apart. An operation with a JSON body declares the 415 zod-openapi
 * answers for a body in another content type.
 *
 * @example
 * export const route = partnerRoute(['admin', 'supervisor'], { operationId: 'listCases', method: 'get', path: '/v1/cases', … });
 */
export function partnerRoute<const P extends string, const R extends PartnerConfig<P>>(
  roles: readonly Role[],
  config: R,
) {
  const { ifMatch, read, ...route } = config;
  // The idempotency middleware knows read-only POSTs by their literal path.
  if (read && route.path.includes('{'))
    throw new Error(`${route.path}: a read-only POST cannot have path parameters`);
  const parameters = [
    ...(route.method === 'post' && !read ? [parameterRef('IdempotencyKey')] : []),
    ...(ifMatch ? [parameterRef('IfMatch')] : []),
  ];
  return defineOperation({
    ...route,
    responses: takesJson(route) ? { ...route.responses, 415: problem(415) } : route.responses,
    security: SECURITY.apiKey,
    middleware: [requireRole(roles), ...(ifMatch ? [requireIfMatch()] : [])],
    ...(parameters.length > 0 ? { parameters } : {}),
    description: `${route.description ?? ''}\n\nRoles: ${roles.join(', ')}.`.trim(),
    [ROLES_EXTENSION]: roles,
    ...(read ? { [READ_ONLY_EXTENSION]: true } : {}),
  });
}
