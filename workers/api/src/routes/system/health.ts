import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { everyShard } from '../../shards/bindings';
import { defineOperation, SECURITY } from '../operation';
import { ProblemSchema } from '../v1/schemas';

const DatabaseHealthSchema = z.object({
  reachable: z.boolean(),
  migration: z.string().nullable().openapi({ description: 'Name of the last applied D1 migration.' }),
});

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    database: DatabaseHealthSchema.openapi({
      description: 'The directory database (the first shard), which every request reads.',
    }),
    shards: z.array(DatabaseHealthSchema.extend({ name: z.string() })).openapi({
      description: 'Every D1 database tenants live on; healthy when all are on the same migration.',
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
  description:
    'Answers 200 when every D1 database (shard) is reachable and on the same migration, 503 otherwise. Needs no API key.',
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
    const shards = await Promise.all(
      everyShard(c.env).map(async ({ name, d1 }) => ({ name, ...(await lastMigration(d1)) })),
    );
    const [directory] = shards;
    const healthy = shards.every(
      (shard) => shard.reachable && shard.migration !== null && shard.migration === directory?.migration,
    );
    const body = {
      status: healthy ? ('ok' as const) : ('degraded' as const),
      version: c.env.DOORSTEP_VERSION,
      database: { reachable: directory?.reachable ?? false, migration: directory?.migration ?? null },
      shards,
    };
    return healthy ? c.json(body, 200) : c.json(body, 503);
  });
}
