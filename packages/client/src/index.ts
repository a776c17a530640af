import { type Operations, operationRoutes } from './api-types.gen.js';
import { type RetryOptions, send } from './transport.js';

export type * from './api-types.gen.js';
export { DoorstepError, DoorstepTransportError } from './errors.js';
export { type ListOperation, type ListQuery, type PageOf, paginate } from './paginate.js';
export type { RetryOptions } from './transport.js';

export type OperationName = keyof Operations;

type Field<T, K extends string> = [T] extends [never] ? { [P in K]?: never } : { [P in K]: T };

/** What a call takes: path params, query and body as the operation declares them, plus headers it may need. */
export type RequestOf<K extends OperationName> = Field<Operations[K]['params'], 'params'> &
  Partial<Field<Operations[K]['query'], 'query'>> &
  Field<Operations[K]['body'], 'body'> & {
    /** The ETag you last read, for updates guarded by optimistic concurrency. */
    ifMatch?: string;
    /** Override the generated key, e.g. to retry an operation after a crash with the key you persisted. */
    idempotencyKey?: string;
  };

export interface ResponseOf<K extends OperationName> {
  status: number;
  data: Operations[K]['response'];
  /** The resource's version for the next `ifMatch`, when the operation returns one. */
  etag: string | null;
  location: string | null;
  /** True when the API answered a retried POST from its idempotency store. */
  replayed: boolean;
}

export interface ClientOptions {
  baseUrl: string;
  /** A tenant API key, `dsk_…`. */
  apiKey: string;
  /** Defaults to the global `fetch`; pass a worker binding or a test double's fetch. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Defaults to `crypto.randomUUID()`. */
  newIdempotencyKey?: () => string;
  /** Retries of transient failures, with the same `Idempotency-Key`; `{ attempts: 1 }` turns them off. */
  retry?: RetryOptions;
  /** Per attempt, in milliseconds; default 30000. */
  timeoutMs?: number;
  /** How to wait between attempts (tests pass one that returns at once). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A typed client for the Doorstep partner API. Every POST carries an `Idempotency-Key` (fresh per
 * call unless given), so a network retry of the same call can never apply twice.
 *
 * @example
 * const api = createClient({ baseUrl: 'https://api.example', apiKey: process.env.DOORSTEP_KEY });
 * const { data } = await api.call('listCases', { query: { status: 'screened', limit: 50 } });
 * const visit = await api.call('getVisit', { params: { visitId } });
 * await api.call('checkInVisit', { params: { visitId }, body, ifMatch: visit.etag ?? undefined });
 */
export function createClient(options: ClientOptions) {
  const fetcher = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const newKey = options.newIdempotencyKey ?? (() => crypto.randomUUID());

  /** Calls an operation by its `operationId` (the OpenAPI document's; stable across versions). */
  async function call<K extends OperationName>(operation: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
    const [method, template] = operationRoutes[operation];
    const { params, query, body, ifMatch, idempotencyKey } = request as {
      params?: Record<string, string>;
      query?: Record<string, string | number | boolean | undefined>;
      body?: unknown;
      ifMatch?: string;
      idempotencyKey?: string;
    };
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(params?.[name] ?? ''),
    );
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {}))
      if (value !== undefined) search.set(name, String(value));
    const headers: Record<string, string> = {
      Authorization: `Bearer ${options.apiKey}`,
      Accept: 'application/json, application/problem+json, text/csv;q=0.9, */*;q=0.1',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (ifMatch !== undefined) headers['If-Match'] = ifMatch;
    // Chosen once per call: every retry of it carries the same key, so the API applies it at most once.
    if (method === 'POST') headers['Idempotency-Key'] = idempotencyKey ?? newKey();
    const url = `${options.baseUrl.replace(/\/$/, '')}${path}${search.size > 0 ? `?${search}` : ''}`;
    const answer = await send(
      url,
      { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
      {
        fetch: fetcher,
        ...(options.retry === undefined ? {} : { retry: options.retry }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      },
    );
    return {
      status: answer.status,
      data: answer.data as Operations[K]['response'],
      etag: answer.headers.get('ETag'),
      location: answer.headers.get('Location'),
      replayed: answer.headers.get('Idempotent-Replayed') === 'true',
    };
  }

  return { call };
}

export type DoorstepClient = ReturnType<typeof createClient>;
