/**
 * The console's budget: in Debian's Chromium, the time from navigating to the plan page to its routes
 * drawn for a 160-stop, 20-team plan over the seeded city, and the
 * console's initial JavaScript gzipped (what the sign-in and plan pages load before any lazy chunk).
 *
 *   npx -y pnpm@10 bench:console [--runs 7] [--port 8914]
 *
 * Writes bench-results/console.json with {planRenderMs, initialJsGzipKB}; targets ≤ 1500 ms and ≤ 250 kB.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createClient } from '@doorstep/client';
import { launchChromium } from '../../workers/console/test/browser';
import { DEMO_ADMIN_KEY, startStack } from '../../workers/console/test/stack';

const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    runs: { type: 'string', default: '7' },
    port: { type: 'string', default: '8914' },
    out: { type: 'string', default: 'bench-results/console.json' },
  },
});

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const consoleDir = join(repoRoot, 'workers/api/public/console');

/** The entry script and every chunk the page preloads: what runs before the first lazy import. */
function initialJs() {
  const html = readFileSync(join(consoleDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/console\/([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  const gzipBytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(consoleDir, file))).length,
    0,
  );
  return { files, gzipKB: Math.round((gzipBytes / 1024) * 10) / 10 };
}

/**
 * A published-size day drawn as the planner writes it: 20 teams of two (the seed's 20 agents with 20
 * fixture partners' ids), each visiting the 8 open cases nearest its lead's home, 45 minutes each from
 * 09:30 local. Written into the stack's throw-away D1 directly: the benchmark measures drawing a plan of
 * this size, which the planner alone does not always fill on this seed (shifts and travel leave ~130).
 */
async function insertCityDay(url: string, state: string | null, date: string): Promise<string> {
  if (!state) throw new Error('bench:console starts its own stack (unset DOORSTEP_STACK_URL)');
  const admin = createClient({ baseUrl: url, apiKey: DEMO_ADMIN_KEY });
  const agents = (await admin.call('listAgents', { query: { limit: 200 } })).data.items.slice(0, 20);
  const open: { caseId: string; lat: number; lon: number }[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await admin.call('listCustomers', { query: { limit: 200, cursor } });
    for (const customer of data.items)
      if (
        customer.address.lat !== null &&
        customer.address.lon !== null &&
        customer.id.startsWith('cus_demo')
      )
        open.push({
          caseId: customer.id.replace('cus_', 'case_'),
          lat: customer.address.lat,
          lon: customer.address.lon,
        });
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
  // The seed's overdue customers are the first 2,000 (cus_demo00001…), each with the case of the same number.
  const candidates = open.filter((c) => Number(c.caseId.slice('case_demo'.length)) <= 2000);
  const planId = 'vpl_bench_city_day';
  const start = Date.parse(`${date}T01:30:00Z`); // 09:30 in Asia/Shanghai
  const taken = new Set<string>();
  const rows: string[] = [];
  agents.forEach((agent, team) => {
    const nearest = candidates
      .filter((c) => !taken.has(c.caseId))
      .map((c) => ({ ...c, d: (c.lat - agent.homeBase.lat) ** 2 + (c.lon - agent.homeBase.lon) ** 2 }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 8);
    nearest.forEach((stop, order) => {
      taken.add(stop.caseId);
      const from = start + order * 50 * 60_000;
      const crew = JSON.stringify([agent.id, `agt_bench${String(team).padStart(3, '0')}`]);
      rows.push(
        `('vis_bench_${team}_${order}', 'ten_demo', '${stop.caseId}', '${planId}', 'understand_situation', '${crew}', '${agent.id}', ${from}, ${from + 45 * 60_000}, ${order + 1}, 'planned', ${start}, ${start})`,
      );
    });
  });
  const sql = `INSERT OR IGNORE INTO visit_plans (id, tenant_id, date, region_id, status, agent_ids, unassigned, stats, created_at)
    VALUES ('${planId}', 'ten_demo', '${date}', 'reg_baoan', 'draft', '[]', '[]', '{}', ${start});
  INSERT OR IGNORE INTO visits (id, tenant_id, case_id, plan_id, purpose, agent_ids, lead_agent_id, window_start, window_end, route_order, status, created_at, updated_at)
    VALUES ${rows.join(',\n')};\n`;
  const file = join(state, 'bench-city-day.sql');
  writeFileSync(file, sql);
  const apiDir = join(repoRoot, 'workers/api');
  const done = spawnSync(
    join(apiDir, 'node_modules/.bin/wrangler'),
    ['d1', 'execute', 'DB', '--local', '--persist-to', state, `--file=${file}`],
    { cwd: apiDir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (done.status !== 0) throw new Error('bench:console could not write its city day');
  return planId;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const stack = await startStack({ port: Number(values.port), customers: 2000, teams: 1 });
try {
  const planId = await insertCityDay(stack.url, stack.state, stack.date);
  const admin = createClient({ baseUrl: stack.url, apiKey: DEMO_ADMIN_KEY });
  const { data: plan } = await admin.call('getVisitPlan', { params: { planId } });
  const routes = plan.routes.filter((route) => route.stops.length > 0).length;
  const stops = plan.routes.reduce((sum, route) => sum + route.stops.length, 0);
  const browser = await launchChromium();
  const timings: number[] = [];
  try {
    for (let run = 0; run < Number(values.runs); run++) {
      // A fresh context per run: nothing cached, signed in as a supervisor's tab would be.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(
        (key) => sessionStorage.setItem('doorstep.console.apiKey', key),
        DEMO_ADMIN_KEY,
      );
      const page = await context.newPage();
      await page.goto(`${stack.url}/console/#/plans?date=${stack.date}&region=reg_baoan`);
      await page.locator('[data-testid="route-map"][data-drawn="true"]').waitFor({ timeout: 30_000 });
      // Milliseconds from the navigation's start to the mark the map sets once every route is drawn.
      const drawnAt = await page.evaluate(() => {
        const timeline = performance as unknown as {
          getEntriesByName(name: string): { startTime: number }[];
        };
        return timeline.getEntriesByName('doorstep:routes-drawn')[0]?.startTime ?? Number.NaN;
      });
      const lines = await page.locator('path.route-line').count();
      const markers = await page.locator('.stop-marker').count();
      if (lines !== routes || markers !== stops)
        throw new Error(`drawn ${lines} lines and ${markers} stops, the plan has ${routes} and ${stops}`);
      timings.push(drawnAt);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const js = initialJs();
  const result = {
    planRenderMs: Math.round(median(timings)),
    initialJsGzipKB: js.gzipKB,
    runsMs: timings.map(Math.round),
    plan: { routes, stops },
    initialJsFiles: js.files,
    load1m: Number(loadavg()[0]!.toFixed(2)),
    targets: { planRenderMs: 1500, initialJsGzipKB: 250 },
  };
  console.log(
    `plan page: ${routes} routes, ${stops} stops drawn in ${result.planRenderMs} ms (median of ${timings.length}: ${result.runsMs.join(', ')}) · initial JS ${js.gzipKB} kB gzipped · load ${result.load1m}`,
  );
  mkdirSync(dirname(join(repoRoot, values.out)), { recursive: true });
  writeFileSync(join(repoRoot, values.out), `${JSON.stringify(result, null, 2)}\n`);
  if (stops < 160 || routes < 20)
    console.warn(`warning: the plan has ${stops} stops in ${routes} routes, fewer than 160 in 20`);
} finally {
  await stack.stop();
}
