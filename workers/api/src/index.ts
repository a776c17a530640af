import { createApp } from './http/app';
import { openApiInfo, registerDocs } from './routes/system/docs';
import { registerHealth } from './routes/system/health';

const app = createApp();
registerHealth(app);
registerDocs(app);

/** The OpenAPI 3.1 document, built from the same zod schemas that validate requests (for export and tests). */
export function openApiDocument() {
  return app.getOpenAPI31Document(openApiInfo);
}

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
