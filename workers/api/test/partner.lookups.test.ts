/**
 * Lookups by the bank's own numbers: customers and accounts one by one and 100 at a time, cases
 * filtered by customer or account (number or id), and a batch file's status read with an admin key.
 */
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { NDJSON, newSecret, signedFetch } from './intake.helpers';

let f: FixtureTenant;
let other: FixtureTenant;
/** A customer number with a slash, a space and CJK characters: path segments must carry any ref. */
const ODD_REF = 'CN/007 陈';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Lookup<T> {
  items: T[];
  missing: string[];
}
interface Customer {
  id: string;
  externalRef: string;
  name: string;
}
interface Account {
  id: string;
  externalRef: string;
  customerRef: string;
  openCaseId: string | null;
  lastReportedAt: string | null;
  reportedOverdue: { amountMinor: number; currency: string };
}

const accountOf = (customerId: string) => customerId.replace('cus_', 'acc_');

beforeAll(async () => {
  [f, other] = await Promise.all([createFixtureTenant('lookup'), createFixtureTenant('lookupother')]);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO customers (id, tenant_id, external_ref, name, source_updated_at, created_at, updated_at)
       VALUES (?, ?, ?, 'Chen Ming', 0, 0, 0)`,
    ).bind(`cus_lookup_odd`, f.tenantId, ODD_REF),
    env.DB.prepare(
      `UPDATE accounts SET last_as_of = '2026-11-01T08:30:00.000Z', last_sequence = 4 WHERE id = ?`,
    ).bind(accountOf(f.customerA)),
  ]);
});

const path = (template: string, ref: string) => template.replace('{ref}', encodeURIComponent(ref));

describe('customers by core-banking number', () => {
  it('one by one: the same customer as by id, any characters in the number; unknown or foreign is 404', async () => {
    const byRef = await call(f.keys.supervisor, 'GET', path('/v1/customer-refs/{ref}', f.customerA));
    expect(byRef.status).toBe(200);
    const byId = await call(f.keys.supervisor, 'GET', `/v1/customers/${f.customerA}`);
    expect(await byRef.json()).toEqual(await byId.json());

    const odd = await call(f.keys.admin, 'GET', path('/v1/customer-refs/{ref}', ODD_REF));
    expect(odd.status).toBe(200);
    expect(await odd.json<Customer>()).toMatchObject({ id: 'cus_lookup_odd', externalRef: ODD_REF });

    expect((await call(f.keys.admin, 'GET', path('/v1/customer-refs/{ref}', 'C-none'))).status).toBe(404);
    expect((await call(f.keys.admin, 'GET', path('/v1/customer-refs/{ref}', other.customerA))).status).toBe(
      404,
    );
  });

  it('a hundred at a time: found in the order asked, each once, and the numbers not found', async () => {
    const refs = [f.customerB, 'C-none', ODD_REF, f.customerA, f.customerB, other.customerA];
    const response = await call(f.keys.supervisor, 'POST', '/v1/customers/lookup', { body: { refs } });
    expect(response.status).toBe(200);
    const answer = await response.json<Lookup<Customer>>();
    expect(answer.items.map((c) => c.externalRef)).toEqual([f.customerB, ODD_REF, f.customerA]);
    expect(answer.missing).toEqual(['C-none', other.customerA]);
  });

  it('scoped and masked as the list: an agency sees its own customers with names masked', async () => {
    const response = await call(f.keys.agency, 'POST', '/v1/customers/lookup', {
      body: { refs: [f.customerA, f.customerB] },
    });
    const answer = await response.json<Lookup<Customer>>();
    expect(answer.items.map((c) => [c.externalRef, c.name])).toEqual([[f.customerA, '***']]);
    expect(answer.missing).toEqual([f.customerB]);
  });

  it('refuses more than 100 numbers, or none, with the field path', async () => {
    const refs = Array.from({ length: 101 }, (_, i) => `C-${i}`);
    for (const body of [{ refs }, { refs: [] }, { refs: [''] }]) {
      const response = await call(f.keys.admin, 'POST', '/v1/customers/lookup', { body });
      expect(response.status).toBe(422);
      const problem = await response.json<{ errors: { path: string }[] }>();
      expect(problem.errors[0]?.path).toMatch(/^\/refs/);
    }
  });

  it('is a read: no Idempotency-Key needed, and the answer (personal data) is not stored', async () => {
    const response = await SELF.fetch('https://api.test/v1/customers/lookup', {
      method: 'POST',
      headers: { Authorization: `Bearer ${f.keys.admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ refs: [f.customerA] }),
    });
    expect(response.status).toBe(200);
    await call(f.keys.admin, 'POST', '/v1/customers/lookup', {
      body: { refs: [f.customerA] },
      headers: { 'Idempotency-Key': 'lookup-once' },
    });
    const stored = await env.DB.prepare(
      `SELECT count(*) AS n FROM idempotency_keys WHERE tenant_id = ? AND key = 'lookup-once'`,
    )
      .bind(f.tenantId)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });

  it('reconciles 1,000 customers in 10 calls', async () => {
    const tenant = await createFixtureTenant('lookupbulk');
    const refs = Array.from({ length: 1000 }, (_, i) => `BULK-${String(i).padStart(4, '0')}`);
    await env.DB.batch(
      refs.map((ref) =>
        env.DB.prepare(
          `INSERT INTO customers (id, tenant_id, external_ref, name, source_updated_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, 0, 0, 0)`,
        ).bind(`cus_${ref}`, tenant.tenantId, ref, ref),
      ),
    );
    let found = 0;
    let calls = 0;
    for (let i = 0; i < refs.length; i += 100) {
      const response = await call(tenant.keys.admin, 'POST', '/v1/customers/lookup', {
        body: { refs: refs.slice(i, i + 100) },
      });
      calls++;
      const answer = await response.json<Lookup<Customer>>();
      expect(answer.missing).toEqual([]);
      found += answer.items.length;
    }
    expect({ found, calls }).toEqual({ found: 1000, calls: 10 });
  });
});

describe('accounts by id and by core-banking number', () => {
  it('an account carries its customer’s number, its open case and when core banking last reported it', async () => {
    const response = await call(f.keys.supervisor, 'GET', `/v1/accounts/${accountOf(f.customerA)}`);
    expect(response.status).toBe(200);
    expect(await response.json<Account>()).toMatchObject({
      externalRef: accountOf(f.customerA),
      customerRef: f.customerA,
      openCaseId: f.caseA,
      lastReportedAt: '2026-11-01T08:30:00.000Z',
      reportedOverdue: { amountMinor: 320000, currency: 'CNY' },
    });
    const byRef = await call(
      f.keys.supervisor,
      'GET',
      path('/v1/account-refs/{ref}', accountOf(f.customerA)),
    );
    expect(await byRef.json()).toEqual(
      await (await call(f.keys.supervisor, 'GET', `/v1/accounts/${accountOf(f.customerA)}`)).json(),
    );
    expect((await call(f.keys.supervisor, 'GET', path('/v1/account-refs/{ref}', 'A-none'))).status).toBe(404);
  });

  it('an agency sees the accounts of its cases only, by id, by number and in a batch', async () => {
    expect((await call(f.keys.agency, 'GET', `/v1/accounts/${accountOf(f.customerB)}`)).status).toBe(404);
    expect(
      (await call(f.keys.agency, 'GET', path('/v1/account-refs/{ref}', accountOf(f.customerB)))).status,
    ).toBe(404);
    const answer = await (
      await call(f.keys.agency, 'POST', '/v1/accounts/lookup', {
        body: { refs: [accountOf(f.customerB), accountOf(f.customerA)] },
      })
    ).json<Lookup<Account>>();
    expect(answer.items.map((a) => a.id)).toEqual([accountOf(f.customerA)]);
    expect(answer.missing).toEqual([accountOf(f.customerB)]);
  });
});

describe('cases by customer or account', () => {
  it('filters by core-banking number or Doorstep id; an unknown number lists nothing', async () => {
    const ids = async (query: string) =>
      (
        await (await call(f.keys.supervisor, 'GET', `/v1/cases?${query}`)).json<Page<{ id: string }>>()
      ).items.map((c) => c.id);
    const q = (name: string, value: string) => `${name}=${encodeURIComponent(value)}`;
    expect(await ids(q('customerRef', f.customerB))).toEqual([f.caseB]);
    expect(await ids(q('accountRef', accountOf(f.customerA)))).toEqual([f.caseA]);
    expect(await ids(q('customerId', f.customerA))).toEqual([f.caseA]);
    expect(await ids(q('accountId', accountOf(f.customerB)))).toEqual([f.caseB]);
    expect(await ids(`${q('customerRef', f.customerA)}&${q('accountRef', accountOf(f.customerB))}`)).toEqual(
      [],
    );
    expect(await ids(q('customerRef', 'C-none'))).toEqual([]);
    expect(await ids(q('customerRef', other.customerA))).toEqual([]);
  });
});

describe('batch status with an admin key', () => {
  let batchId: string;

  beforeAll(async () => {
    const secret = newSecret();
    await env.DB.prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 0)')
      .bind(`isec_${f.tenantId}`, f.tenantId, secret)
      .run();
    const line = JSON.stringify({
      type: 'customer.upserted',
      version: 1,
      occurredAt: '2026-11-01T00:00:00Z',
      data: { customerRef: 'C-batch-1', name: 'Li Na' },
    });
    const posted = await signedFetch('/v1/intake/batches', {
      contentType: NDJSON,
      tenantId: f.tenantId,
      secrets: [secret],
      body: `${line}\nnot json\n`,
    });
    expect(posted.status).toBe(202);
    batchId = (await posted.json<{ id: string }>()).id;
  });

  it('an admin key reads the batch core banking sent; the signature is not needed', async () => {
    const response = await call(f.keys.admin, 'GET', `/v1/intake/batches/${batchId}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: batchId, totalLines: 2, accepted: 1, rejected: 1 });
  });

  it('other roles get 403, a bad key 401, another tenant’s admin 404', async () => {
    for (const key of ['supervisor', 'analyst', 'agency', 'agent'] as const)
      expect((await call(f.keys[key], 'GET', `/v1/intake/batches/${batchId}`)).status).toBe(403);
    expect((await call('dsk_not_a_real_key', 'GET', `/v1/intake/batches/${batchId}`)).status).toBe(401);
    expect((await call(other.keys.admin, 'GET', `/v1/intake/batches/${batchId}`)).status).toBe(404);
  });
});
