import { openApiDocument } from '@doorstep/api';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { $ref?: string }[];
}

const document = openApiDocument() as unknown as {
  tags: { name: string; description?: string }[];
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    name: `${method.toUpperCase()} ${path}`,
    operation,
  })),
);

describe('every operation describes itself for partners and their tools', () => {
  it('has a unique camelCase operationId (the generated client calls it by that name)', () => {
    const ids = operations.map(({ name, operation }) => [name, operation.operationId ?? '(none)'] as const);
    expect(ids.filter(([, id]) => !/^[a-z][a-zA-Z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(ids.map(([, id]) => id)).size).toBe(ids.length);
  });

  it('has tags, each declared globally with a description, and a summary', () => {
    const declared = new Map(document.tags.map((tag) => [tag.name, tag.description ?? '']));
    const wrong = operations.filter(
      ({ operation }) =>
        !operation.tags?.length || operation.tags.some((tag) => !declared.get(tag)) || !operation.summary,
    );
    expect(wrong.map(({ name }) => name)).toEqual([]);
  });

  it('declares its security: a scheme of the document, or explicitly none', () => {
    const schemes = new Set(Object.keys(document.components.securitySchemes));
    const wrong = operations.filter(
      ({ operation }) =>
        !operation.security ||
        operation.security.some((requirement) => Object.keys(requirement).some((name) => !schemes.has(name))),
    );
    expect(wrong.map(({ name }) => name)).toEqual([]);
    expect(document.paths['/health']?.get?.security).toEqual([]);
    expect(document.paths['/v1/intake/events']?.post?.security).toEqual([{ 'webhook-signature': [] }]);
  });

  it('declares Idempotency-Key on every partner POST that writes', () => {
    // A read-only POST (a lookup) says so; contract.http.test.ts checks the API then takes it without a key.
    const missing = operations.filter(
      ({ name, operation }) =>
        name.startsWith('POST /v1/') &&
        !name.startsWith('POST /v1/intake/') &&
        !(operation as Record<string, unknown>)['x-doorstep-read-only'] &&
        !operation.parameters?.some((p) => p.$ref === '#/components/parameters/IdempotencyKey'),
    );
    expect(missing.map(({ name }) => name)).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(openApiDocument())));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('is rejected by the validator when broken, so the check above can fail', async () => {
    const broken = {
      ...openApiDocument(),
      paths: { '/x': { get: { responses: { 200: { nodescription: 1 } } } } },
    };
    const result = await new Validator().validate(broken);
    expect(result.valid).toBe(false);
  });
});
