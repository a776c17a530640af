/** Only what this worker uses of the D1 binding, so it needs no generated types. */
interface Env {
  DB: { prepare(query: string): { bind(...values: unknown[]): { run(): Promise<unknown> } } };
}

/** One row per request: the floor any D1-writing handler on this machine can reach. */
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const body = await request.text();
    await env.DB.prepare('INSERT INTO rows (id, body, at) VALUES (?, ?, ?)')
      .bind(crypto.randomUUID(), body, Date.now())
      .run();
    return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
  },
};
