import type { Context } from 'hono';
import type { ApiError, ErrorCode, FieldError } from './error-codes';
import { errorStatus } from './error-codes';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  instance: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Builds an RFC 9457 problem document; `type` is a stable URI per error code that the docs describe. */
export function problemOf(
  c: Context,
  code: ErrorCode,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
): Problem {
  const status = errorStatus[code];
  return {
    type: `https://doorstep.dev/problems/${code.toLowerCase().replaceAll('.', '/').replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    code,
    requestId: c.get('requestId') ?? '',
    instance: new URL(c.req.url).pathname,
    ...(errors ? { errors } : {}),
    ...extra,
  };
}

export function problemResponse(c: Context, problem: Problem): Response {
  return c.newResponse(JSON.stringify(problem), problem.status as 400, {
    'content-type': 'application/problem+json',
  });
}

export function apiErrorResponse(c: Context, error: ApiError): Response {
  return problemResponse(c, problemOf(c, error.code, error.message, error.errors, error.extra));
}
