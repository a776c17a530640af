/**
 * Whole requests for one operation of an OpenAPI document: path, query and header parameters and the
 * JSON body, each drawn from its schema (see `json-schema-arbitrary.ts`).
 */
import fc from 'fast-check';
import { type ArbitraryOptions, arbitraryOf, type JsonSchema } from './json-schema-arbitrary';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
  security?: Record<string, string[]>[];
  [extension: `x-${string}`]: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters?: Record<string, Parameter>;
    securitySchemes?: Record<string, unknown>;
  };
}

export interface GeneratedRequest {
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The JSON body, when the operation takes one. */
  body?: unknown;
}

export function resolverOf(document: OpenApiDocument): ArbitraryOptions['resolve'] {
  return (ref) => {
    const name = ref.replace('#/components/schemas/', '');
    const schema = document.components.schemas[name];
    if (!schema) throw new Error(`Unresolvable $ref ${ref}`);
    return schema;
  };
}

/** The operation's parameters with `#/components/parameters/…` references resolved. */
export function parametersOf(document: OpenApiDocument, operation: Operation): Parameter[] {
  return (operation.parameters ?? []).map((parameter) => {
    if (!('$ref' in parameter)) return parameter;
    const resolved = document.components.parameters?.[parameter.$ref.replace('#/components/parameters/', '')];
    if (!resolved) throw new Error(`Unresolvable parameter ${parameter.$ref}`);
    return resolved;
  });
}

/** How a parameter value travels: as text, the way `fetch` and URLSearchParams would send it. */
const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Every request the document calls valid for `operation` (optional parameters sometimes left out). */
export function requestArbitrary(
  document: OpenApiDocument,
  operation: Operation,
  options: Partial<ArbitraryOptions> = {},
): fc.Arbitrary<GeneratedRequest> {
  const settings: ArbitraryOptions = { resolve: resolverOf(document), ...options };
  const group = (location: Parameter['in']) => {
    const parameters = parametersOf(document, operation).filter((p) => p.in === location);
    return fc
      .record(
        Object.fromEntries(
          parameters.map((p) => [p.name, arbitraryOf(p.schema ?? {}, settings).map(asText)]),
        ),
        { requiredKeys: parameters.filter((p) => p.required || p.in === 'path').map((p) => p.name) },
      )
      .map((values) => values as Record<string, string>);
  };
  const json = operation.requestBody?.content['application/json']?.schema;
  return fc.record({
    params: group('path'),
    query: group('query'),
    headers: group('header'),
    ...(json ? { body: arbitraryOf(json, settings) } : {}),
  });
}
