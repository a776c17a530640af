import type { Operations } from './api-types.gen.js';
import type { DoorstepClient, OperationName, RequestOf } from './index.js';

interface Page {
  items: unknown[];
  nextCursor: string | null;
}

/** The list operations: a GET that answers `{ items, nextCursor }`. */
export type ListOperation = {
  [K in OperationName]: Operations[K]['method'] extends 'GET'
    ? Operations[K]['response'] extends Page
      ? K
      : never
    : never;
}[OperationName];

/** A list's filters; the cursor is the iterator's business. */
export type ListQuery<K extends ListOperation> = Omit<NonNullable<RequestOf<K>['query']>, 'cursor'>;

export type PageOf<K extends ListOperation> = Operations[K]['response'];

/**
 * Every page of a list, first to last, following `nextCursor`. Pages are fetched one at a time as you
 * iterate, so breaking out of the loop stops the requests; keyset cursors mean rows inserted while you
 * page never make you skip or repeat one.
 *
 * @example
 * for await (const page of paginate(api, 'listCases', { status: 'screened', limit: 200 }))
 *   for (const kase of page.items) enqueue(kase.id);
 */
export async function* paginate<K extends ListOperation>(
  client: DoorstepClient,
  operation: K,
  query?: ListQuery<K>,
): AsyncGenerator<PageOf<K>, void, undefined> {
  let cursor: string | null = null;
  do {
    const request = { query: { ...query, ...(cursor === null ? {} : { cursor }) } } as RequestOf<K>;
    const { data } = await client.call(operation, request);
    yield data as PageOf<K>;
    cursor = (data as Page).nextCursor;
  } while (cursor !== null);
}
