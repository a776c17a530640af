import { describe, expect, it } from 'vitest';
import { appliedMigrations, wranglerNoiseFilter } from './wrangler-output';

/** What wrangler dev 4 prints on an offline start, as captured from `pnpm dev`. */
const START = `
 ⛅️ wrangler 4.164.0
────────────────────
Using secrets defined in process.env
Your Worker has access to the following bindings:
Binding                                       Resource                  Mode
env.JOBS (doorstep-jobs)                      Queue                     local
env.DB (doorstep)                             D1 Database               local

[wrangler:warn] Unable to fetch the \`Request.cf\` object! Falling back to a default placeholder...
Error: getaddrinfo ENOTFOUND workers.cloudflare.com
    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:122:26)
    at GetAddrInfoReqWrap.callbackTrampoline (node:internal/async_hooks:130:17)
\u001b[33m▲ \u001b[43;33m[\u001b[43;30mWARNING\u001b[43;33m]\u001b[0m \u001b[1mScheduled Workers are not automatically triggered during local development.\u001b[0m
  To manually trigger a scheduled event, run:
    curl "http://127.0.0.1:8890/cdn-cgi/local/scheduled"
  For more details, see https://developers.cloudflare.com/workers/configuration/cron-triggers/#test-cron-triggers-locally
⎔ Starting local server...
[wrangler:info] Ready on http://127.0.0.1:8890
[wrangler:info] GET /health 200 OK (1920ms)
[wrangler:info] GET /v1/cases 200 OK (12ms)
✘ [ERROR] Uncaught TypeError: boom
    at handler (src/index.ts:1:1)
`;

describe('wrangler output', () => {
  it('keeps requests and errors, with their frames, and drops the start-up noise', () => {
    const keep = wranglerNoiseFilter();
    expect(START.split('\n').filter(keep)).toEqual([
      '[wrangler:info] GET /v1/cases 200 OK (12ms)',
      '✘ [ERROR] Uncaught TypeError: boom',
      '    at handler (src/index.ts:1:1)',
    ]);
  });

  it('names the migrations an apply ran, and none when the database is up to date', () => {
    const table = `Migrations to be applied:
┌───────────────────────────────────────┐
│ name                                  │
├───────────────────────────────────────┤
│ 0000_init.sql                         │
├───────────────────────────────────────┤
│ 0040_business_events.sql              │
└───────────────────────────────────────┘
┌──────────────────────────┬────────┐
│ name                     │ status │
├──────────────────────────┼────────┤
│ 0000_init.sql            │ ✅     │
├──────────────────────────┼────────┤
│ 0040_business_events.sql │ ✅     │
└──────────────────────────┴────────┘`;
    expect(appliedMigrations(table)).toEqual(['0000_init.sql', '0040_business_events.sql']);
    expect(appliedMigrations('✅ No migrations to apply!')).toEqual([]);
  });
});
