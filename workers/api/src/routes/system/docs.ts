import { Scalar } from '@scalar/hono-api-reference';
import type { createRouter } from '../../http/app';
import { registerEventCatalogue } from './event-catalogue';

export const openApiInfo: Parameters<ReturnType<typeof createRouter>['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'Doorstep API',
    version: '0.1.0',
    description:
      'Field-visit programme for overdue borrowers: core-banking intake, screening, visit plans, visits, repayment plans, follow-ups and reports. Errors are RFC 9457 problem+json with a stable `code`. Reads may come from a read replica: every answer carries `x-d1-bookmark`; send the one a write answered with as the `x-d1-bookmark` request header and the read sees that write.',
  },
  servers: [{ url: '/' }],
};

export function registerDocs(app: ReturnType<typeof createRouter>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A tenant API key `dsk_…` as a bearer token.',
  });
  registerEventCatalogue(app);
  app.doc31('/openapi.json', openApiInfo);
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'Doorstep API' }));
}
