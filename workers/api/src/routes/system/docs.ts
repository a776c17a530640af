import type { createRouter } from '../../http/app';
import { HEADER_PARAMETERS } from '../../http/request-headers';
import { API_TAGS } from '../tags';
import { registerEventCatalogue } from './event-catalogue';
import { serveStaticAsset } from './static-asset';

export const openApiInfo: Parameters<ReturnType<typeof createRouter>['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'Doorstep API',
    version: '0.1.0',
    description:
      'Field-visit programme for overdue borrowers: core-banking intake, screening, visit plans, visits, repayment plans, follow-ups and reports. Errors are RFC 9457 problem+json with a stable `code`. Reads may come from a read replica: every answer carries `x-d1-bookmark`; send the one a write answered with as the `x-d1-bookmark` request header and the read sees that write.',
    contact: { name: 'Doorstep maintainers', url: 'https://doorstep.dev' },
    license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
  },
  servers: [
    { url: '/', description: 'The deployment serving this document' },
    { url: 'http://127.0.0.1:8787', description: 'Local development (`pnpm dev`)' },
  ],
  tags: [...API_TAGS],
};

const WEBHOOK_SIGNATURE_DOCS = [
  'Core banking signs every intake request per [Standard Webhooks](https://www.standardwebhooks.com/) with a tenant intake secret (`whsec_` + base64 key) that Doorstep gave the bank.',
  '',
  'Send `Doorstep-Tenant` (the tenant id), `webhook-id` (unique per delivery; a redelivery repeats it), `webhook-timestamp` (Unix seconds, accepted within ±5 minutes) and `webhook-signature`: a space-separated list of `v1,<base64 HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{raw body}">`, one entry per secret during a rotation.',
  '',
  'The official `standardwebhooks` libraries produce these headers. A missing, wrong or stale signature is 401 and nothing is read from the body.',
  '',
  'Doorstep signs its own outbound events (the `webhooks` section) the same way, with the subscription’s secret: a receiver verifies them before acting on one.',
].join('\n');

export function registerDocs(app: ReturnType<typeof createRouter>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A tenant API key `dsk_…` as a bearer token. Its role (admin, supervisor, agent, agency, analyst) decides which operations it may call; each operation lists them.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'webhook-signature', {
    type: 'apiKey',
    in: 'header',
    name: 'webhook-signature',
    description: WEBHOOK_SIGNATURE_DOCS,
  });
  for (const [name, schema] of Object.entries(HEADER_PARAMETERS))
    app.openAPIRegistry.registerParameter(name, schema);
  registerEventCatalogue(app);
  app.doc31('/openapi.json', openApiInfo);
  // Cloudflare serves /docs from the static assets before the worker runs; this route answers when a
  // request reaches the worker anyway (the vitest pool calls the worker directly), from the same assets.
  const serveDocs = serveStaticAsset('the API reference', { path: '/docs', index: '/docs/' });
  app.get('/docs', serveDocs);
  app.get('/docs/*', serveDocs);
}
