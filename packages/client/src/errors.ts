import type { Problem } from './api-types.gen.js';

/** A problem+json answer (RFC 9457) as a typed error: switch on `problem.code`, never on the message. */
export class DoorstepError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(`${problem.code}: ${problem.detail}`);
    this.name = 'DoorstepError';
    this.status = problem.status;
    this.problem = problem;
  }
}

/**
 * The API could not be reached or did not answer as an API: a network failure, a timeout (`status`
 * null, the cause attached), or an error page from something in between (`status` and `body` set).
 */
export class DoorstepTransportError extends Error {
  readonly status: number | null;
  readonly body: string | null;

  constructor(message: string, details: { status?: number; body?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DoorstepTransportError';
    this.status = details.status ?? null;
    this.body = details.body ?? null;
  }
}
