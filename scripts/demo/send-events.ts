/**
 * Sends core-banking events to the local API as the demo tenant's core banking would: signed per
 * Standard Webhooks with the demo intake secret. Reads one event or a JSON array from stdin.
 *
 * Usage: echo '[{ "type": "payment.received", … }]' | npx -y pnpm@10 tsx scripts/demo/send-events.ts [--url http://127.0.0.1:8787]
 */
import { createHmac, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { demoTenant } from '../seed/demo-tenant';

const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:8787' } } });

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const body = Buffer.concat(chunks).toString('utf8').trim();

const id = `msg_${randomUUID()}`;
const timestamp = Math.floor(Date.now() / 1000);
const key = Buffer.from(demoTenant.intakeSecret.slice('whsec_'.length), 'base64');
const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');

const response = await fetch(`${values.url}/v1/intake/events`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    'Doorstep-Tenant': demoTenant.id,
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  },
  body,
});
console.log(response.status, await response.text());
