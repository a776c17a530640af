import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** The second local shard (vitest.config.ts); `DB` is the first, and the directory database. */
      DB_1: D1Database;
      DOORSTEP_FLAG_SIM_SEED: string;
      DOORSTEP_FLAG_SIM_CASES: string;
    }
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Node webhook receiver `test-webhook-receiver.ts` starts for the run. */
    webhookReceiver: string;
  }
}
