import { env, SELF } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';

/** A fresh Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export const newSecret = () =>
  `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))}`;

/** A tenant with one active intake secret, written straight to D1. */
export async function intakeTenant(tag: string): Promise<{ tenantId: string; secret: string }> {
  const tenantId = `ten_${tag}_${crypto.randomUUID().slice(0, 8)}`;
  const secret = newSecret();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO tenants (id, name, time_zone, currency, jurisdiction, created_at) VALUES (?, ?, 'Asia/Shanghai', 'CNY', 'cn', 0)`,
    ).bind(tenantId, tag),
    env.DB.prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 0)').bind(
      `isec_${tenantId}`,
      tenantId,
      secret,
    ),
  ]);
  return { tenantId, secret };
}

export interface SignOptions {
  tenantId: string;
  /** Every secret signs; the header then carries one `v1,` signature per secret, as during a rotation. */
  secrets: string[];
  id?: string;
  body?: string;
  method?: 'POST' | 'GET';
  at?: Date;
}

let deliveries = 0;

/** Sends a request signed by the official `standardwebhooks` package, the way a bank's sender would. */
export function signedFetch(path: string, options: SignOptions): Promise<Response> {
  const id = options.id ?? `msg_${Date.now()}_${deliveries++}`;
  const at = options.at ?? new Date();
  const body = options.body ?? '';
  const signature = options.secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' ');
  return SELF.fetch(`https://api.test${path}`, {
    method: options.method ?? 'POST',
    headers: {
      'Doorstep-Tenant': options.tenantId,
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
      ...(options.method === 'GET' ? {} : { 'content-type': 'application/json' }),
    },
    body: options.method === 'GET' ? undefined : body,
  });
}

/** Events for one customer with one account; `n` varies refs so streams never collide. */
export function delinquency(
  n: string,
  sequence: number,
  dpd: number,
  overdue: number,
  asOf: string,
): Record<string, unknown> {
  return {
    type: 'account.delinquency_updated',
    version: 1,
    occurredAt: asOf,
    data: {
      accountRef: `A-${n}`,
      customerRef: `C-${n}`,
      kind: 'loan',
      product: 'consumer-loan',
      currency: 'CNY',
      limitOrPrincipalMinor: 5_000_000,
      outstandingBalanceMinor: 3_000_000,
      sequence,
      asOf,
      dpd,
      overduePrincipalMinor: overdue,
      overdueInterestMinor: 0,
      overdueFeesMinor: 0,
    },
  };
}
