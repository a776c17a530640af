/**
 * The routes as registered, with the zod schemas they declare (the same objects the OpenAPI document
 * is built from), and the one rule that says whether an answer keeps to them. The worker tests check
 * every response they get with it; `pnpm tour` checks every answer of a running stack with it.
 */
// First, as in the worker's entry: schemas get `.openapi()` only when zod-openapi ran before they were built.
import '@hono/zod-openapi';
import type { z } from 'zod';
import { registerRoutes } from '../routes';
import { ProblemSchema } from '../routes/v1/schemas';
import { createApp } from './app';

export interface DeclaredRoute {
  method: string;
  path: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema: z.ZodType }> }>;
  roles: readonly string[] | undefined;
  /** The media types the request body is declared in; empty for an operation without a body. */
  bodyTypes: string[];
}

export function declaredRoutes(): DeclaredRoute[] {
  const app = createApp();
  registerRoutes(app);
  return app.openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== 'route') return [];
    const { route } = definition;
    const pattern = new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const roles = (route as unknown as Record<string, unknown>)['x-doorstep-roles'] as
      | readonly string[]
      | undefined;
    return [
      {
        method: route.method.toUpperCase(),
        path: route.path,
        pattern,
        responses: route.responses as DeclaredRoute['responses'],
        roles,
        bodyTypes: Object.keys(route.request?.body?.content ?? {}),
      },
    ];
  });
}

export interface AnswerToCheck {
  status: number;
  contentType: string;
  /** The parsed body when the answer is JSON; ignored otherwise. */
  json: () => unknown;
}

/**
 * What an answer breaks of its route's declaration: the status must be documented and the body parse
 * with the declared schema (problem+json with the Problem schema); a non-JSON answer must be in a
 * declared media type. Empty when it conforms, or when no route matches.
 */
export function contractProblems(
  routes: readonly DeclaredRoute[],
  method: string,
  pathname: string,
  answer: AnswerToCheck,
): string[] {
  const route = routes.find((r) => r.method === method && r.pattern.test(pathname));
  if (!route) return [];
  const declared = route.responses[String(answer.status)];
  if (!declared) return [`${method} ${route.path} answered ${answer.status}, which it does not declare`];
  const mediaType = answer.contentType.split(';')[0]?.trim() ?? '';
  // A file (evidence, a CSV report) is declared by its media type, not a schema: the type must be one declared.
  if (!mediaType.endsWith('json'))
    return declared.content?.[mediaType]
      ? []
      : [`${method} ${route.path} ${answer.status} sent ${mediaType}, which it does not declare`];
  const schema =
    mediaType === 'application/problem+json' ? ProblemSchema : declared.content?.['application/json']?.schema;
  if (!schema) return [`${method} ${route.path} ${answer.status} declares no JSON body`];
  const parsed = schema.safeParse(answer.json());
  return parsed.success
    ? []
    : [
        `${method} ${route.path} ${answer.status} body breaks its schema: ${JSON.stringify(parsed.error.issues)}`,
      ];
}
