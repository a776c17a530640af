/**
 * A webhook receiver for the worker tests, started once in Node by vitest (`globalSetup`): workerd
 * delivers to it over real HTTP, as it would to a partner, and the tests read back exactly what
 * arrived (headers and raw body) to verify it with the official `standardwebhooks` library.
 *
 * - `POST /<inbox>`: records the request and answers 204 (or the status `?status=` asks for);
 * - `GET /<inbox>`: every request recorded for that inbox, oldest first, as JSON.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    webhookReceiver: string;
  }
}

interface Received {
  headers: Record<string, string>;
  body: string;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export default async function setup(project: TestProject) {
  const inboxes = new Map<string, Received[]>();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://receiver');
    const inbox = url.pathname;
    if (request.method === 'POST') {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      const received = inboxes.get(inbox) ?? [];
      received.push({ headers, body: await bodyOf(request) });
      inboxes.set(inbox, received);
      response.writeHead(Number(url.searchParams.get('status') ?? 204)).end();
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(inboxes.get(inbox) ?? []));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('webhookReceiver', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
