import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { ApiTag } from './tags';

type SecurityRequirement = Record<string, string[]>;

/** The security schemes of the document (registered by the docs route). */
export const SECURITY = {
  /** A tenant API key as a bearer token: the partner API. */
  apiKey: [{ apiKey: [] }],
  /** A Standard Webhooks signature with the tenant's intake secret: core banking. */
  webhookSignature: [{ 'webhook-signature': [] }],
  /** Explicitly public: no credential at all. */
  none: [],
} satisfies Record<string, SecurityRequirement[]>;

/**
 * What every operation must say about itself for partners and their tools: a stable camelCase
 * `operationId` (the generated client's method name, so never rename one), declared tags, a
 * summary and its security. The route helpers require these by type, so no route can forget them.
 */
export interface OperationContract {
  operationId: string;
  tags: [ApiTag, ...ApiTag[]];
  summary: string;
  security: SecurityRequirement[];
}

/**
 * `createRoute` that requires the operation's contract (see `OperationContract`).
 *
 * @example
 * export const route = defineOperation({ operationId: 'getHealth', tags: ['System'], security: SECURITY.none, … });
 */
export function defineOperation<
  const P extends string,
  const R extends Omit<RouteConfig, 'path' | keyof OperationContract> & { path: P } & OperationContract,
>(config: R) {
  return createRoute(config);
}
