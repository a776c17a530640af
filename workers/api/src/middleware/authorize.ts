import type { MiddlewareHandler } from 'hono';
import type { Role } from '../auth/roles';
import type { AppEnv } from '../http/app-env';
import { ApiError } from '../http/error-codes';

/**
 * Lets only the given roles through. Finer scoping (an agency's own cases, an agent's own visits) is
 * applied in the queries themselves, where a foreign row answers 404 rather than 403.
 *
 * @example
 * createRoute({ …, middleware: [requireRole(['admin'])] })
 */
export function requireRole(roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  if (roles.length === 0) throw new Error('requireRole needs at least one role');
  const allowed = new Set<Role>(roles);
  return async function requireRoleMiddleware(c, next) {
    if (!allowed.has(c.var.auth.role))
      throw new ApiError('AUTH.FORBIDDEN', `This operation needs one of the roles: ${roles.join(', ')}.`);
    await next();
  };
}
