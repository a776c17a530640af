import { env, SELF } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { placeTenant, shardDb, type TestShard } from './fixtures/shards';

/** A fresh Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export const newSecret = () =>
  `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))}`;

/** A tenant with one active intake secret, written straight to D1 (to `shard`, placed there in the directory). */
export async function intakeTenant(
  tag: string,
  { shard = 'DB' }: { shard?: TestShard } = {},
): Promise<{ tenantId: string; secret: string }> {
  const tenantId = `ten_${tag}_${crypto.randomUUID().slice(0, 8)}`;
  const secret = newSecret();
  const db = shardDb(shard);
  await db.batch([
    db
      .prepare(
        `INSERT INTO tenants (id, name, time_zone, currency, jurisdiction, created_at) VALUES (?, ?, 'Asia/Shanghai', 'CNY', 'cn', 0)`,
      )
      .bind(tenantId, tag),
    db
      .prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 0)')
      .bind(`isec_${tenantId}`, tenantId, secret),
  ]);
  const placement = placeTenant(tenantId, shard, []);
  if (placement.length > 0) await env.DB.batch(placement);
  return { tenantId, secret };
}

/** The media type of a batch file. */
export const NDJSON = 'application/x-ndjson';

export interface SignOptions {
  tenantId: string;
  /** Every secret signs; the header then carries one `v1,` signature per secret, as during a rotation. */
  secrets: string[];
  id?: string;
  body?: string;
  method?: 'POST' | 'GET';
  at?: Date;
  /** What is actually sent, when it must differ from what was signed (tampering). */
  sentBody?: string;
  /** `Content-Type` of a POST: JSON unless said otherwise (a batch file is NDJSON). */
  contentType?: string;
}

let deliveries = 0;

/** Sends a request signed by the official `standardwebhooks` package, the way a bank's sender would. */
export function signedFetch(path: string, options: SignOptions): Promise<Response> {
  return SELF.fetch(signedRequest(path, options));
}

/** The request `signedFetch` sends, for a test that hands it to the worker itself (another `env`). */
export function signedRequest(path: string, options: SignOptions): Request {
  const id = options.id ?? `msg_${Date.now()}_${deliveries++}`;
  const at = options.at ?? new Date();
  const body = options.body ?? '';
  const signature = options.secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' ');
  return new Request(`https://api.test${path}`, {
    method: options.method ?? 'POST',
    headers: {
      'Doorstep-Tenant': options.tenantId,
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
      ...(options.method === 'GET' ? {} : { 'content-type': options.contentType ?? 'application/json' }),
    },
    body: options.method === 'GET' ? undefined : (options.sentBody ?? body),
  });
}

/** An intake event envelope, version 1, with `occurredAt` as the source time. */
export function event(
  type: string,
  occurredAt: string,
  data: Record<string, unknown>,
): Record<string, unknown> {
  return { type, version: 1, occurredAt, data };
}

/** A snapshot of account `A-n` of customer `C-n`, overdue all principal. */
export function delinquency(
  n: string,
  sequence: number,
  dpd: number,
  overdue: number,
  asOf: string,
): Record<string, unknown> {
  return event('account.delinquency_updated', asOf, {
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
  });
}

/**
 * A tenant's intake rows with generated ids replaced by the refs they stand for and receipt times
 * dropped: two tenants fed the same events in different orders must dump equal.
 */
export async function canonicalDump(tenantId: string) {
  const all = async (query: string) => (await env.DB.prepare(query).bind(tenantId).all()).results;
  const [customers, accounts, snapshots, payments, cases, regions, parked] = await Promise.all([
    all(`SELECT external_ref AS ref, name, phone, email, address_line, lat, lon, region_id, flags, flags_updated_at,
           credit_history, source_updated_at FROM customers WHERE tenant_id = ? ORDER BY external_ref`),
    all(`SELECT a.external_ref AS ref, c.external_ref AS customer, a.kind, a.product, a.currency, a.limit_or_principal,
           a.status, a.last_sequence AS lastSequence, a.last_as_of, a.dpd, a.overdue_total, a.outstanding_balance
         FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.tenant_id = ? ORDER BY a.external_ref`),
    all(`SELECT a.external_ref AS account, s.sequence, s.as_of, s.dpd, s.overdue_principal, s.bucket
         FROM delinquency_snapshots s JOIN accounts a ON a.id = s.account_id WHERE s.tenant_id = ?
         ORDER BY a.external_ref, s.sequence`),
    all(`SELECT p.external_ref AS ref, a.external_ref AS account, k.open_sequence AS caseOpenSequence, p.amount, p.paid_at
         FROM payments p JOIN accounts a ON a.id = p.account_id LEFT JOIN cases k ON k.id = p.case_id
         WHERE p.tenant_id = ? ORDER BY p.external_ref`),
    all(`SELECT a.external_ref AS account, k.status, k.bucket, k.dpd, k.overdue_total AS overdueTotal,
           k.overdue_at_open AS overdueAtOpen, k.currency, k.region_id AS regionId, k.eligible, k.priority,
           k.open_sequence AS openSequence, k.opened_at, k.ended_at
         FROM cases k JOIN accounts a ON a.id = k.account_id WHERE k.tenant_id = ? ORDER BY a.external_ref, k.opened_at`),
    all('SELECT id, name, risk_score, risk_as_of FROM regions WHERE tenant_id = ? ORDER BY id'),
    all(
      'SELECT account_ref, event_key FROM intake_parked WHERE tenant_id = ? ORDER BY account_ref, event_key',
    ),
  ]);
  return { customers, accounts, snapshots, payments, cases, regions, parked };
}
