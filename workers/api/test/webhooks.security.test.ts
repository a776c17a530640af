import { createExecutionContext, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index';
import { randomId } from '../src/ports/runtime';
import { createWebhookDeliveryHandler } from '../src/webhooks/deliver-job';
import { checkWebhookTarget } from '../src/webhooks/target-url';
import { createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { insertRows, simClock, T0, tenantRow } from './follow-ups.fixtures';

/** One pending delivery to `url`, handed to the delivery job as production runs it, with a recording sender. */
async function deliverInProduction(url: string) {
  const tenant = randomId('ten');
  const deliveryId = randomId('whd');
  const subscriptionId = randomId('whs');
  await env.DB.batch([
    ...insertRows(env.DB, 'tenants', [tenantRow(tenant)]),
    ...insertRows(env.DB, 'webhook_subscriptions', [
      {
        id: subscriptionId,
        tenant_id: tenant,
        url,
        event_types: '["*"]',
        secret: 'whsec_AAAA',
        created_at: T0,
      },
    ]),
    ...insertRows(env.DB, 'webhook_deliveries', [
      {
        id: deliveryId,
        tenant_id: tenant,
        subscription_id: subscriptionId,
        event_id: randomId('evt'),
        event_type: 'plan.broken',
        payload: '{}',
        status: 'pending',
        attempts: 0,
        next_attempt_at: T0 + 60_000,
        lease_until: T0 + 60_000,
        created_at: T0,
      },
    ]),
  ]);
  let sent = 0;
  const handler = createWebhookDeliveryHandler(async () => {
    sent++;
    return { statusCode: 200 };
  });
  await handler(
    { type: 'webhook.deliver', v: 1, tenantId: tenant, deliveryId },
    { env: { ...env, DOORSTEP_MODE: 'production' }, d1: env.DB, ports: simClock(T0).ports },
  );
  const row = await env.DB.prepare(`SELECT status, last_error FROM webhook_deliveries WHERE id = ?`)
    .bind(deliveryId)
    .first();
  return { sent, row };
}

describe('webhook targets', () => {
  it.each([
    ['https://hooks.partner.example/doorstep', 'production', true],
    ['https://1.1.1.1/hook', 'production', true],
    ['https://[2606:4700::1111]/hook', 'production', true],
    ['http://hooks.partner.example/doorstep', 'production', 'not-https'],
    ['ftp://hooks.partner.example/', 'production', 'not-https'],
    ['https://user:pw@hooks.partner.example/', 'production', 'credentials'],
    ['https://localhost/hook', 'production', 'internal-host'],
    ['https://api.localhost/hook', 'production', 'internal-host'],
    ['https://printer.local/hook', 'production', 'internal-host'],
    ['https://metadata.google.internal/', 'production', 'internal-host'],
    ['https://intranet/hook', 'production', 'internal-host'],
    ['https://127.0.0.1/hook', 'production', 'private-address'],
    ['https://0x7f.1/hook', 'production', 'private-address'],
    ['https://2130706433/hook', 'production', 'private-address'],
    ['https://0.0.0.0/hook', 'production', 'private-address'],
    ['https://10.1.2.3/hook', 'production', 'private-address'],
    ['https://172.20.0.1/hook', 'production', 'private-address'],
    ['https://192.168.1.10/hook', 'production', 'private-address'],
    ['https://169.254.169.254/latest/meta-data', 'production', 'private-address'],
    ['https://100.64.0.1/hook', 'production', 'private-address'],
    ['https://224.0.0.1/hook', 'production', 'private-address'],
    ['https://[::1]/hook', 'production', 'private-address'],
    ['https://[::]/hook', 'production', 'private-address'],
    ['https://[fe80::1]/hook', 'production', 'private-address'],
    ['https://[fd12:3456::1]/hook', 'production', 'private-address'],
    ['https://[ff02::1]/hook', 'production', 'private-address'],
    ['https://[::ffff:127.0.0.1]/hook', 'production', 'private-address'],
    ['https://[::ffff:10.0.0.1]/hook', 'production', 'private-address'],
    ['https://[64:ff9b::a9fe:a9fe]/hook', 'production', 'private-address'],
    ['not a url', 'production', 'invalid-url'],
    ['http://127.0.0.1:8787/hook', 'local', true],
    ['http://localhost/hook', 'test', true],
  ] as const)('%s in %s mode → %s', (url, mode, expected) => {
    const verdict = checkWebhookTarget(url, mode);
    expect(verdict.ok ? true : verdict.reason).toBe(expected);
  });

  // What an outside review got past the filter, and its neighbours (finding 5).
  it.each([
    ['https://[2002:7f00:1::]/hook', 'private-address'], // 6to4 of 127.0.0.1
    ['https://[2002:a9fe:a9fe::1]/hook', 'private-address'], // 6to4 of 169.254.169.254
    ['https://[2002:101:101::1]/hook', 'private-address'], // 6to4 at all: a tunnel, not a receiver
    ['https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook', 'private-address'], // Teredo (127.0.0.1 inside)
    ['https://[2001::a9fe:a9fe]/hook', 'private-address'], // Teredo prefix
    ['https://[::ffff:0:7f00:1]/hook', 'private-address'], // IPv4-translated ::ffff:0:127.0.0.1
    ['https://[::ffff:0:a9fe:a9fe]/hook', 'private-address'], // IPv4-translated 169.254.169.254
    ['https://[::ffff:7f00:1]/hook', 'private-address'], // IPv4-mapped, hex groups
    ['https://[::ffff:169.254.169.254]/hook', 'private-address'], // IPv4-mapped, dotted
    ['https://[64:ff9b::127.0.0.1]/hook', 'private-address'], // NAT64 well-known prefix
    ['https://[64:ff9b:1::a9fe:a9fe]/hook', 'private-address'], // NAT64 local-use prefix
    ['https://[::127.0.0.1]/hook', 'private-address'], // IPv4-compatible
    ['https://[100::1]/hook', 'private-address'], // discard-only
    ['https://[fec0::1]/hook', 'private-address'], // site-local
    ['https://kubernetes.default.svc/hook', 'internal-host'],
    ['https://kubernetes.default.svc.cluster.local/hook', 'internal-host'],
    ['https://vault.service.consul/hook', 'internal-host'],
    ['https://metadata.google.internal./hook', 'internal-host'],
    ['https://printer.local./hook', 'internal-host'],
    ['https://localhost./hook', 'internal-host'],
    ['https://localhost../hook', 'internal-host'],
    ['https://api.localhost.../hook', 'internal-host'],
    ['https://router.localdomain/hook', 'internal-host'],
    ['https://LOCALHOST/hook', 'internal-host'],
    ['https://%6c%6f%63%61%6c%68%6f%73%74/hook', 'internal-host'],
    ['https://hooks..partner.example/hook', 'invalid-url'],
    ['https://127.0.0.1./hook', 'private-address'],
    ['https://hooks.partner.example./doorstep', true],
    ['https://[2a00:1450:4001:82b::200e]/hook', true],
    ['https://[64:ff9b::1.1.1.1]/hook', true],
  ] as const)('production: %s → %s', (url, expected) => {
    const verdict = checkWebhookTarget(url, 'production');
    expect(verdict.ok ? true : verdict.reason).toBe(expected);
  });

  it.each([
    ['https://169.254.169.254/', 'target private-address'],
    ['https://[2002:a9fe:a9fe::1]/latest', 'target private-address'],
    ['https://kubernetes.default.svc./hook', 'target internal-host'],
  ])('checks again at delivery: a stored %s fails without a request', async (url, error) => {
    const { sent, row } = await deliverInProduction(url);
    expect(sent).toBe(0);
    expect(row).toEqual({ status: 'failed', last_error: error });
  });
});

describe('subscribing a URL', () => {
  let f: FixtureTenant;
  beforeAll(async () => {
    f = await createFixtureTenant('whtarget');
  });

  /** The worker as deployed in `mode` (the test pool runs it in `test`, where any http(s) target is allowed). */
  const subscribe = (url: string, mode: string) =>
    worker.fetch(
      new Request('https://api.test/v1/webhook-subscriptions', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${f.keys.admin}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': crypto.randomUUID(),
        },
        body: JSON.stringify({ url, eventTypes: ['plan.broken'] }),
      }),
      { ...env, DOORSTEP_MODE: mode },
      createExecutionContext(),
    );
  const subscribed = async () =>
    (
      await env.DB.prepare(`SELECT url FROM webhook_subscriptions WHERE tenant_id = ? ORDER BY url`)
        .bind(f.tenantId)
        .all<{ url: string }>()
    ).results.map((r) => r.url);

  it.each([
    ['http://hooks.partner.example/doorstep', 'not-https'],
    ['https://127.0.0.1/hook', 'private-address'],
    ['https://[::1]/hook', 'private-address'],
    ['https://169.254.169.254/latest/meta-data', 'private-address'],
    ['https://[fe80::1]/hook', 'private-address'],
    ['https://192.168.1.10/hook', 'private-address'],
    ['https://localhost:8787/hook', 'internal-host'],
  ])('refuses %s in production with a problem naming %s, and stores nothing', async (url, code) => {
    const response = await subscribe(url, 'production');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      code: 'REQUEST.INVALID',
      errors: [{ path: '/url', in: 'body', code }],
    });
    expect(await subscribed()).not.toContain(url);
  });

  it('accepts a public https URL in production, and a developer’s own machine only in local mode', async () => {
    expect((await subscribe('https://hooks.partner.example/doorstep', 'production')).status).toBe(201);
    expect((await subscribe('http://127.0.0.1:8787/local-hook', 'local')).status).toBe(201);
    expect(await subscribed()).toEqual([
      'http://127.0.0.1:8787/local-hook',
      'https://hooks.partner.example/doorstep',
    ]);
  });
});
