import { describe, expect, it } from 'vitest';
import { createClient } from './index.js';
import { paginate } from './paginate.js';

/** A fake API with five cases served two per page; it records every URL it was asked for. */
function fakeApi() {
  const ids = ['case_1', 'case_2', 'case_3', 'case_4', 'case_5'];
  const requested: URL[] = [];
  const fetch = async (input: string) => {
    const url = new URL(input);
    requested.push(url);
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const limit = Number(url.searchParams.get('limit'));
    const items = ids.slice(from, from + limit).map((id) => ({ id }));
    const next = from + limit < ids.length ? String(from + limit) : null;
    return new Response(JSON.stringify({ items, nextCursor: next }), {
      headers: { 'content-type': 'application/json' },
    });
  };
  return { client: createClient({ baseUrl: 'https://api.test', apiKey: 'dsk_test', fetch }), requested };
}

describe('paginate', () => {
  it('follows nextCursor through every page, keeping the filters on each request', async () => {
    const { client, requested } = fakeApi();
    const pages = [];
    for await (const page of paginate(client, 'listCases', { status: 'screened', limit: 2 }))
      pages.push(page.items.map((kase) => kase.id));
    expect(pages).toEqual([['case_1', 'case_2'], ['case_3', 'case_4'], ['case_5']]);
    expect(requested.map((url) => url.search)).toEqual([
      '?status=screened&limit=2',
      '?status=screened&limit=2&cursor=2',
      '?status=screened&limit=2&cursor=4',
    ]);
  });

  it('asks for the next page only when the loop wants it', async () => {
    const { client, requested } = fakeApi();
    for await (const page of paginate(client, 'listCases', { limit: 2 })) {
      expect(page.items).toHaveLength(2);
      break;
    }
    expect(requested).toHaveLength(1);
  });
});
