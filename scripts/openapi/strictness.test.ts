/**
 * The document is as strict as the validation (issue #15 finding 11): every request the OpenAPI
 * document calls valid — drawn by fast-check from the document's own JSON Schemas, as a third-party
 * tool would — passes the zod schemas that validate the operation. A constraint zod enforces but
 * the document does not state (a pattern, a bound, an offset-free date-time) fails here with the
 * operation, the location and a counterexample.
 */
import { HEADER_PARAMETERS, openApiDocument, openApiRoutes } from '@doorstep/api';
import type { z } from '@doorstep/core';
import { RULES_EXTENSION } from '@doorstep/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OpenApiDocument, parametersOf, requestArbitrary } from '../fuzz/operation-arbitrary';

const document = JSON.parse(JSON.stringify(openApiDocument())) as OpenApiDocument;

/** Every rule the document publishes under `x-doorstep-rules` (those JSON Schema cannot state). */
function publishedRules(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) publishedRules(item, found);
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === RULES_EXTENSION && Array.isArray(value)) for (const rule of value) found.add(String(rule));
      else publishedRules(value, found);
    }
  return found;
}
const rules = publishedRules(document);

type Schema = z.ZodType | undefined;

interface RouteRequest {
  params?: Schema;
  query?: Schema;
  headers?: Schema;
  body?: { content: Record<string, { schema: Schema }> };
}

/** The zod schema of each declared header: the route's own, or the shared one behind a `$ref`. */
function headerSchemas(request: RouteRequest, operation: OpenApiDocument['paths'][string][string]) {
  const own = (request.headers as unknown as { shape?: Record<string, z.ZodType> } | undefined)?.shape ?? {};
  const shared = Object.fromEntries(
    Object.entries(HEADER_PARAMETERS).map(([name, schema]) => [`#/components/parameters/${name}`, schema]),
  );
  return Object.fromEntries(
    (operation.parameters ?? []).flatMap((parameter): [string, z.ZodType | undefined][] => {
      if ('$ref' in parameter) {
        const resolved = parametersOf(document, { ...operation, parameters: [parameter] })[0]!;
        return [[resolved.name, shared[parameter.$ref]]];
      }
      return parameter.in === 'header' ? [[parameter.name, own[parameter.name]]] : [];
    }),
  ) as Record<string, z.ZodType | undefined>;
}

type Issue = z.core.$ZodIssue;

/**
 * A refusal the document announces: a published rule (an order between fields, a zone name), or a
 * window around now whose rule is published and whose message names the exact limit after it in
 * brackets; for a union, every refusal of one of its options.
 */
function announced(issue: Issue): boolean {
  if (issue.code === 'invalid_union') return issue.errors.some((option) => option.every(announced));
  if (issue.code === 'custom') return rules.has(issue.message);
  if (issue.code === 'too_small' || issue.code === 'too_big')
    return (
      issue.origin === 'date' &&
      (rules.has(issue.message) || [...rules].some((rule) => issue.message.startsWith(`${rule} (`)))
    );
  return false;
}

const refusals = (schema: Schema, value: unknown, where: string) => {
  if (!schema) return [];
  const result = schema.safeParse(value);
  if (result.success) return [];
  const unannounced = result.error.issues.filter((i) => !announced(i));
  return unannounced.length === 0
    ? []
    : [`${where}: ${unannounced.map((i) => `/${i.path.join('/')} ${i.message}`).join('; ')}`];
};

describe('every request the document calls valid passes validation', () => {
  for (const route of openApiRoutes()) {
    const operation = document.paths[route.path]?.[route.method];
    if (!operation) throw new Error(`${route.method} ${route.path} is not in the document`);
    const request = (route.request ?? {}) as RouteRequest;
    const headers = headerSchemas(request, operation);

    it(`${operation.operationId} (${route.method.toUpperCase()} ${route.path})`, () => {
      fc.assert(
        fc.property(requestArbitrary(document, operation), (generated) => {
          const refused = [
            ...refusals(request.params, generated.params, 'path'),
            ...refusals(request.query, generated.query, 'query'),
            ...Object.entries(headers).flatMap(([name, schema]) =>
              refusals(schema, generated.headers[name], `header ${name}`),
            ),
            ...refusals(request.body?.content['application/json']?.schema, generated.body, 'body'),
          ];
          expect(refused).toEqual([]);
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('request examples', () => {
  const routes = openApiRoutes();
  const withExamples = routes.flatMap((route) => {
    const content = (route.request as RouteRequest | undefined)?.body?.content['application/json'] as
      | { schema: Schema; example?: unknown }
      | undefined;
    return content?.example === undefined
      ? []
      : [{ route, schema: content.schema, example: content.example }];
  });

  it('the main write operations show one', () => {
    const ids = new Set(withExamples.map(({ route }) => route.operationId));
    for (const id of [
      'createVisit',
      'checkInVisit',
      'recordVisitOutcome',
      'proposeRepaymentPlan',
      'deliverIntakeEvents',
    ])
      expect(ids).toContain(id);
  });

  it.each(withExamples.map((e) => [e.route.operationId, e] as const))(
    '%s: the example passes validation',
    (_, e) => {
      // Strictly: an example must also keep the rules the document publishes.
      expect(e.schema?.safeParse(e.example).error?.issues ?? []).toEqual([]);
    },
  );
});
