import type { Operations } from './api-types.gen.js';
import type { DoorstepClient, OperationName, RequestOf } from './index.js';

interface Page {
  items: unknown[];
  nextCursor: string | null;
}

/** The paths of list operations: a GET that answers `{ items, nextCursor }`. */
export type ListPath = {
  [K in OperationName]: K extends `GET ${infer P}`
    ? Operations[K]['response'] extends Page
      ? P
      : never
    : never;
}[OperationName];

type ListOperation<P extends ListPath> = Extract<OperationName, `GET ${P}`>;

/** A list's filters; the cursor is the iterator's business. */
export type ListQuery<P extends ListPath> = Omit<NonNullable<RequestOf<ListOperation<P>>['query']>, 'cursor'>;

export type PageOf<P extends ListPath> = Operations[ListOperation<P>]['response'];

/**
 * Every page of a list, first to last, following `nextCursor`. Pages are fetched one at a time as you
 * iterate, so breaking out of the loop stops the requests; keyset cursors mean rows inserted while you
 * page never make you skip or repeat one.
 *
 * @example
 * for await (const page of paginate(api, '/v1/cases', { status: 'screened', limit: 200 }))
 *   for (const kase of page.items) enqueue(kase.id);
 */
export async function* paginate<P extends ListPath>(
  client: DoorstepClient,
  path: P,
  query?: ListQuery<P>,
): AsyncGenerator<PageOf<P>, void, undefined> {
  let cursor: string | null = null;
  do {
    const request = { query: { ...query, ...(cursor === null ? {} : { cursor }) } } as RequestOf<
      ListOperation<P>
    >;
    const { data } = await client.call(`GET ${path}` as ListOperation<P>, request);
    yield data as PageOf<P>;
    cursor = (data as Page).nextCursor;
  } while (cursor !== null);
}
