import { openApiDocument } from '@doorstep/api';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';

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
