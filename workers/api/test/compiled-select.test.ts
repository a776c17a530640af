import { env } from 'cloudflare:test';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { database } from '../src/db/client';
import { compileSelect } from '../src/db/compiled-select';
import { cases, customers } from '../src/db/schema';
import { createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
beforeAll(async () => {
  f = await createFixtureTenant('csel');
  // A JSON column, a null and an integer, so decoding is exercised beyond plain text.
  await env.DB.prepare(
    `UPDATE customers SET flags = ?, email = NULL, flags_updated_at = 1700000000000 WHERE tenant_id = ? AND id = ?`,
  )
    .bind(JSON.stringify({ dispute: true, consent: { visit: false } }), f.tenantId, f.customerA)
    .run();
});

const customersOfTenant = compileSelect<{ tenantId: string }>()((qb, p) =>
  qb
    .select()
    .from(customers)
    .where(eq(customers.tenantId, p('tenantId'))),
);

const casesByCustomerOrAccount = compileSelect<{ tenantId: string; customerId: string; ids: string }>()(
  (qb, p) => {
    const casesWhere = (condition: ReturnType<typeof eq>) =>
      qb
        .select()
        .from(cases)
        .where(and(eq(cases.tenantId, p('tenantId')), condition));
    return casesWhere(eq(cases.customerId, p('customerId'))).union(
      casesWhere(inArray(cases.id, sql`(SELECT value FROM json_each(${p('ids')}))`)),
    );
  },
);

describe('compileSelect', () => {
  it('decodes rows exactly as drizzle does, JSON columns and nulls included', async () => {
    const [result] = await env.DB.batch([customersOfTenant.statement(env.DB, { tenantId: f.tenantId })]);
    const viaDrizzle = await database(env.DB)
      .select()
      .from(customers)
      .where(eq(customers.tenantId, f.tenantId));
    const compiled = customersOfTenant.rows(result!);
    expect(compiled).toEqual(viaDrizzle);
    expect(compiled.find((row) => row.id === f.customerA)?.flags).toEqual({
      dispute: true,
      consent: { visit: false },
    });
  });

  it('binds each placeholder by name in a compound select, however often it appears', async () => {
    const [result] = await env.DB.batch([
      casesByCustomerOrAccount.statement(env.DB, {
        tenantId: f.tenantId,
        customerId: f.customerA,
        ids: JSON.stringify([f.caseB]),
      }),
    ]);
    const ids = casesByCustomerOrAccount.rows(result!).map((row) => row.id);
    expect(ids.sort()).toEqual([f.caseA, f.caseB].sort());
  });

  it('refuses to run with a value missing rather than binding undefined', () => {
    expect(() => customersOfTenant.statement(env.DB, {} as { tenantId: string })).toThrow(/tenantId/);
  });
});
