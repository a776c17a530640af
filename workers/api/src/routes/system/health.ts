import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { defineOperation, SECURITY } from '../operation';
import { ProblemSchema } from '../v1/schemas';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    database: z.object({
      reachable: z.boolean(),
      migration: z.string().nullable().openapi({ description: 'Name of the last applied D1 migration.' }),
    }),
  })
  .openapi('Health');

const route = defineOperation({
  operationId: 'getHealth',
  method: 'get',
  path: '/health',
  tags: ['System'],
  security: SECURITY.none,
  summary: 'Liveness and readiness',
  description: 'Answers 200 when D1 is reachable and migrated, 503 otherwise. Needs no API key.',
  responses: {
    200: { description: 'Healthy', content: { 'application/json': { schema: HealthSchema } } },
    422: {
      description: 'A query parameter this operation does not take',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
    503: {
      description: 'D1 unreachable or not migrated',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
});

async function lastMigration(db: D1Database): Promise<{ reachable: boolean; migration: string | null }> {
  try {
    const row = await db
      .prepare('SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1')
      .first<{ name: string }>();
    return { reachable: true, migration: row?.name ?? null };
  } catch {
    // The migrations table is missing before the first `migrations apply`; D1 answered, so it is reachable.
    const reachable = await db
      .prepare('SELECT 1')
      .first()
      .then(() => true)
      .catch(() => false);
    return { reachable, migration: null };
  }
}

export function registerHealth(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const database = await lastMigration(c.env.DB);
    const healthy = database.reachable && database.migration !== null;
    const body = {
      status: healthy ? ('ok' as const) : ('degraded' as const),
      version: c.env.DOORSTEP_VERSION,
      database,
    };
    return healthy ? c.json(body, 200) : c.json(body, 503);
  });
}
