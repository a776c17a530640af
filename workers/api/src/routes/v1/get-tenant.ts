import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { tenants } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';

/** The language a jurisdiction's staff read, when the tenant's settings name none. */
const LOCALE_OF_JURISDICTION: Record<string, string> = {
  cn: 'zh-CN',
  us: 'en-US',
  in: 'en-IN',
  uk: 'en-GB',
};

const TenantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string().openapi({ example: 'Asia/Shanghai' }),
    currency: z.string().openapi({ example: 'CNY' }),
    jurisdiction: z.string().openapi({ example: 'cn' }),
    locale: z.string().openapi({
      example: 'zh-CN',
      description:
        'BCP 47 tag for formatting dates, money and numbers (settings `locale`, else the jurisdiction’s).',
    }),
    role: z.string().openapi({ description: 'The role of the key that asked.' }),
  })
  .openapi('Tenant');

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  method: 'get',
  path: '/v1/tenant',
  operationId: 'getTenant',
  tags: ['Policy set'],
  summary: 'The key’s tenant: its zone, currency and locale, and the key’s role',
  description: 'What a client needs to show the tenant’s days, money and numbers as its staff read them.',
  responses: {
    200: { description: 'The tenant', content: { 'application/json': { schema: TenantSchema } } },
    ...problems(),
  },
});

export function registerGetTenant(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const row = await c.var.services.db
      .select()
      .from(tenants)
      .where(eq(tenants.id, c.var.auth.tenantId))
      .get();
    if (!row) throw new Error(`the key's tenant ${c.var.auth.tenantId} is missing`);
    const settings = row.settings as { locale?: unknown };
    return c.json(
      {
        id: row.id,
        name: row.name,
        timeZone: row.timeZone,
        currency: row.currency,
        jurisdiction: row.jurisdiction,
        locale:
          typeof settings.locale === 'string'
            ? settings.locale
            : (LOCALE_OF_JURISDICTION[row.jurisdiction] ?? 'en'),
        role: c.var.auth.role,
      },
      200,
    );
  });
}
