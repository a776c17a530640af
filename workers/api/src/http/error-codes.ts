import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error the API can answer with, and its HTTP status. Partner apps switch on `code`, never on
 * `detail`, so a code is a promise: rename one only with a new API version.
 */
export const errorStatus = {
  'REQUEST.MALFORMED_JSON': 400,
  'REQUEST.INVALID': 422,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.METHOD_NOT_ALLOWED': 405,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'AUTH.MISSING_KEY': 401,
  'AUTH.INVALID_KEY': 401,
  'AUTH.FORBIDDEN': 403,
  'INTAKE.BAD_SIGNATURE': 401,
  'INTAKE.STALE_TIMESTAMP': 401,
  'INTAKE.UNKNOWN_EVENT_TYPE': 422,
  'INTAKE.ID_REUSED': 422,
  'INTAKE.BUSY': 503,
  'IDEMPOTENCY.KEY_MISSING': 400,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'IDEMPOTENCY.IN_FLIGHT': 409,
  'PRECONDITION.FAILED': 412,
  'PRECONDITION.REQUIRED': 428,
  'RESOURCE.NOT_FOUND': 404,
  'RESOURCE.CONFLICT': 409,
  'CASE.ILLEGAL_TRANSITION': 409,
  'VISIT.COMPLIANCE_VETO': 422,
  'VISIT.HELD_OUT': 422,
  'VISIT.CHECK_IN_REFUSED': 422,
  'COMMITMENT.REFUSED': 422,
  'EVIDENCE.HASH_MISMATCH': 422,
  'EVIDENCE.ERASED': 410,
  /** A contact (a lesson, a check-in) that compliance or the customer's own choice bars; `reasons` lists why. */
  'CONTACT.REFUSED': 422,
  'POLICY.INVALID': 422,
  'TENANT.MOVING': 503,
  'REPORT.BUILDING': 503,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

/** How long a client waits before retrying a write refused while its tenant moves to another database. */
export const MOVING_RETRY_SECONDS = 30;

/** One invalid field, addressed by its JSON path (`/visits/0/window/start`). */
export interface FieldError {
  path: string;
  /** Where the field is: the JSON body (default), the query string, a path parameter or a header. */
  in?: 'body' | 'query' | 'path' | 'header';
  message: string;
  code?: string;
}

/** Thrown by routes and middleware for an expected failure; `onError` renders it as problem+json. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    options?: { errors?: FieldError[]; extra?: Record<string, unknown> },
  ) {
    super(detail);
    this.name = 'ApiError';
    this.code = code;
    this.errors = options?.errors;
    this.extra = options?.extra;
  }

  get status(): ContentfulStatusCode {
    return errorStatus[this.code];
  }
}
