import type { Problem } from './api-types.gen.js';
import { DoorstepError, DoorstepTransportError } from './errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included; `1` turns retries off. Default 3. */
  attempts?: number;
  /** The wait before the first retry; it doubles each time (with jitter) up to `maxDelayMs`. Default 250. */
  baseDelayMs?: number;
  /** Default 5000. A `Retry-After` the API sends is obeyed instead, up to a minute. */
  maxDelayMs?: number;
}

export interface TransportOptions {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  retry?: RetryOptions;
  /** Per attempt; default 30000. */
  timeoutMs?: number;
  /** How to wait between attempts; tests pass one that does not. */
  sleep?: (ms: number) => Promise<void>;
}

/** What came back: the body as JSON, text (CSV) or bytes, by its media type, and the headers. */
export interface Answer {
  status: number;
  data: unknown;
  headers: Headers;
}

/** Answers worth the same request again: the API was busy, overloaded or still running the first try. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 60_000;

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

const isProblem = (response: Response) =>
  (response.headers.get('content-type') ?? '').startsWith('application/problem+json');

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
function retryAfterMs(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (header === null) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : null;
}

async function bodyOf(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 204) return null;
  if (type.includes('json')) return response.json();
  if (type.startsWith('text/')) return response.text();
  return response.arrayBuffer();
}

/**
 * Sends one request, again on a transient failure with the very same `init` (so a POST keeps its
 * `Idempotency-Key` and the API applies it at most once), and reads the answer by its media type.
 * A refusal is thrown as `DoorstepError` with its problem document; a failure to get an API answer
 * as `DoorstepTransportError`.
 */
export async function send(url: string, init: RequestInit, options: TransportOptions): Promise<Answer> {
  const attempts = Math.max(1, options.retry?.attempts ?? 3);
  const base = options.retry?.baseDelayMs ?? 250;
  const max = options.retry?.maxDelayMs ?? 5000;
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const backoff = (attempt: number) => Math.min(max, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);

  for (let attempt = 1; ; attempt++) {
    const last = attempt === attempts;
    let response: Response;
    try {
      response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (cause) {
      if (last)
        throw new DoorstepTransportError(`No answer from ${new URL(url).origin} after ${attempts} attempts`, {
          cause,
        });
      await sleep(backoff(attempt));
      continue;
    }
    if (isProblem(response)) {
      const problem = (await response.json()) as Problem;
      const busy = RETRY_STATUSES.has(response.status) || problem.code === 'IDEMPOTENCY.IN_FLIGHT';
      if (!busy || last) throw new DoorstepError(problem);
      await sleep(retryAfterMs(response) ?? backoff(attempt));
      continue;
    }
    if (!response.ok) {
      if (RETRY_STATUSES.has(response.status) && !last) {
        await response.body?.cancel();
        await sleep(retryAfterMs(response) ?? backoff(attempt));
        continue;
      }
      const body = await response.text();
      throw new DoorstepTransportError(`${response.status} without a problem document`, {
        status: response.status,
        body: body.slice(0, 2000),
      });
    }
    return { status: response.status, data: await bodyOf(response), headers: response.headers };
  }
}
