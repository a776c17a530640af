import { PLUGIN_CONTRACT_VERSION, POLICY_KINDS } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { z as zod } from 'zod';
import type { createRouter } from '../../http/app';
import { policyRegistry } from '../../plugins';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';

const PluginSchema = z
  .object({
    kind: z.enum(POLICY_KINDS),
    id: z.string().openapi({ example: 'hardship-first' }),
    version: z.string().openapi({ example: '1.0.0' }),
    contract: z.string().openapi({ description: 'The plugin contract it was built for.', example: '2.0' }),
    description: z.string(),
    url: z.string().nullable(),
    reasons: z
      .record(z.string(), z.string())
      .openapi({ description: 'Its reason catalogue: code → message template.' }),
    defaultOptions: z.unknown(),
    optionsSchema: z.record(z.string(), z.unknown()).openapi({
      description:
        'Its options as JSON Schema (input form); a policy set’s `options` are merged over the defaults and checked against it.',
    }),
  })
  .openapi('Plugin');

export const route = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/policy-set/plugins',
  tags: ['Policy set'],
  operationId: 'listPlugins',
  summary: 'The plugins this deployment runs',
  description:
    'Every plugin a policy set may name (`workers/api/src/plugins.ts`), by kind and id, with its version, the plugin contract it was built for, its reason catalogue and its options.',
  responses: {
    200: {
      description: 'Plugins',
      content: {
        'application/json': {
          schema: z.object({ contract: z.string(), items: z.array(PluginSchema) }).openapi('PluginList'),
        },
      },
    },
    ...problems(),
  },
});

// The registry is fixed when the worker starts, so its description is built once per isolate.
let listed: z.infer<typeof PluginSchema>[] | null = null;
const plugins = () =>
  (listed ??= POLICY_KINDS.flatMap((kind) =>
    [...policyRegistry[kind].values()].map((plugin) => ({
      kind,
      id: plugin.id,
      version: plugin.version,
      contract: plugin.contract,
      description: plugin.docs.description,
      url: plugin.docs.url ?? null,
      reasons: { ...plugin.reasons },
      defaultOptions: plugin.defaultOptions,
      optionsSchema: zod.toJSONSchema(plugin.options, { io: 'input', unrepresentable: 'any' }) as Record<
        string,
        unknown
      >,
    })),
  ));

export function registerListPlugins(app: ReturnType<typeof createRouter>) {
  app.openapi(route, (c) => c.json({ contract: PLUGIN_CONTRACT_VERSION, items: plugins() }, 200));
}
