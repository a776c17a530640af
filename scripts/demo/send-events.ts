/**
 * Sends core-banking events to the local API as the demo tenant's core banking would: signed per
 * Standard Webhooks with the demo intake secret. Reads one event or a JSON array from stdin.
 *
 * Usage: echo '[{ "type": "payment.received", … }]' | npx -y pnpm@10 demo:send-events [--url http://127.0.0.1:8787]
 * Without --url it sends to the server `pnpm dev` is running (whatever its --port), else to
 * $DOORSTEP_URL, else to http://127.0.0.1:8787.
 */
import { parseArgs } from 'node:util';
import { apiUrl } from '../dev/running';
import { sendDemoEvents } from './demo-intake';

const { values } = parseArgs({ options: { url: { type: 'string' } } });
const url = apiUrl(values.url);

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

if (process.stdin.isTTY)
  fail('Pipe the events in: echo \'[{"type":"customer.upserted",…}]\' | npx -y pnpm@10 demo:send-events');
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const body = Buffer.concat(chunks).toString('utf8').trim();
if (body === '') fail('No events on stdin: send one event object or a JSON array of them.');
try {
  JSON.parse(body);
} catch (error) {
  fail(`stdin is not JSON (${(error as Error).message}); nothing was sent.`);
}

const response = await sendDemoEvents(url, body).catch(() =>
  fail(
    `Nothing answers at ${url}. Start the API first (npx -y pnpm@10 dev), or point this at a running one with --url.`,
  ),
);
console.log(response.status, await response.text());
if (!response.ok) process.exitCode = 1;
