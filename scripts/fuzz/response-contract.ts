/**
 * Checks an HTTP answer against what its operation declares in the OpenAPI document: the status is
 * declared, the media type is one the status declares, and a JSON body validates against its schema
 * (JSON Schema 2020-12, as OpenAPI 3.1 uses it, with Ajv).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenApiDocument, Operation } from './operation-arbitrary';

export type Violation =
  | { kind: 'server-error'; detail: string }
  | { kind: 'undeclared-status'; detail: string }
  | { kind: 'undeclared-media-type'; detail: string }
  | { kind: 'schema-violation'; detail: string };

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

export function responseContract(document: OpenApiDocument) {
  // The document's own keywords (`example`, `x-doorstep-rules`) are annotations, not errors.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema({ $id: 'doorstep:components', components: document.components });
  const compiled = new Map<object, ValidateFunction>();

  const validatorOf = (schema: object) => {
    let validate = compiled.get(schema);
    if (!validate) {
      // `#/components/…` in the document means the components registered above.
      const rebased = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', '"doorstep:components#/components/'),
      ) as object;
      validate = ajv.compile(rebased);
      compiled.set(schema, validate);
    }
    return validate;
  };

  return function check(operation: Operation, answer: Answer): Violation[] {
    // A declared 503 (a report's rollup being built, a tenant being moved) is a designed answer with
    // Retry-After, checked like any other; every other 5xx is a failure.
    if (answer.status >= 500 && !(answer.status === 503 && operation.responses['503']))
      return [{ kind: 'server-error', detail: `${answer.status}: ${answer.body.slice(0, 300)}` }];
    const declared = operation.responses[String(answer.status)] ?? operation.responses.default;
    if (!declared)
      return [
        {
          kind: 'undeclared-status',
          detail: `${answer.status} (declares ${Object.keys(operation.responses).join(', ')}): ${answer.body.slice(0, 300)}`,
        },
      ];
    const content = declared.content ?? {};
    const mediaType = answer.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (Object.keys(content).length === 0)
      return answer.body === ''
        ? []
        : [{ kind: 'undeclared-media-type', detail: `a body where none is declared` }];
    const media = content[mediaType];
    if (!media)
      return [
        {
          kind: 'undeclared-media-type',
          detail: `${mediaType || '(none)'} for ${answer.status} (declares ${Object.keys(content).join(', ')})`,
        },
      ];
    if (!mediaType.endsWith('json')) return [];
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [{ kind: 'schema-violation', detail: `not JSON: ${answer.body.slice(0, 200)}` }];
    }
    const validate = validatorOf(media.schema);
    if (validate(body)) return [];
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .join('; ');
    return [{ kind: 'schema-violation', detail: `${answer.status} ${mediaType}: ${errors}` }];
  };
}
