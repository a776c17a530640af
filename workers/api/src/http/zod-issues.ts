import type { z } from 'zod';
import type { FieldError } from './error-codes';

/** zod issues → field errors addressed by JSON Pointer, one per issue, so a client can mark every bad field. */
export function fieldErrorsOf(
  issues: readonly z.core.$ZodIssue[],
  location: FieldError['in'] = 'body',
): FieldError[] {
  return issues.map((issue) => ({
    path: `/${issue.path.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`,
    in: location,
    message: issue.message,
    code: issue.code,
  }));
}
