import { bodyLimit } from 'hono/body-limit';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { intakeTenant } from '../../middleware/intake-tenant';
import { requireMediaType } from '../../middleware/media-type';
import { services } from '../../middleware/services';
import { registerGetBatch } from './get-batch';
import { BATCH_MEDIA_TYPES, BATCHES_PATH, registerPostBatch } from './post-batch';
import { EVENTS_PATH, registerPostEvents } from './post-events';

/** 500 events of a few hundred bytes each fit with room to spare. */
export const MAX_EVENTS_BYTES = 1024 * 1024;
/** About 50,000 lines of a nightly extract; a bigger portfolio splits its file. */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;

const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError('REQUEST.TOO_LARGE', `This body is limited to ${maxSize} bytes.`);
    },
  });

/**
 * Core-banking intake under `/v1/intake`, authenticated by Standard Webhooks signatures rather than API
 * keys. Must be registered before the partner API: its handlers answer first, so the partner API's
 * bearer-key middleware on `/v1/*` never runs for these paths.
 */
export function registerIntake(app: ReturnType<typeof createRouter>) {
  app.use('/v1/intake/*', services(), intakeTenant());
  app.use(EVENTS_PATH, limit(MAX_EVENTS_BYTES), requireMediaType(['application/json']));
  app.use(BATCHES_PATH, limit(MAX_BATCH_BYTES), requireMediaType(BATCH_MEDIA_TYPES));
  registerPostEvents(app);
  registerPostBatch(app);
  registerGetBatch(app);
}
