import { createApp } from './http/app';
import { registerDocs } from './routes/system/docs';
import { registerHealth } from './routes/system/health';

const app = createApp();
registerHealth(app);
registerDocs(app);

export { app };

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
