/**
 * The supervisor console in real Chromium against a local stack with the seeded demo and its demo day:
 * what a supervisor, an analyst and a keyboard-only user see, every page scanned by axe-core.
 */
import { createClient, DoorstepError } from '@doorstep/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot, seriousViolations } from './browser';
import { DEMO_ADMIN_KEY, DEMO_SUPERVISOR_KEY } from './stack';

const stack = inject('stack');
// No retries: `whenBuilt` polls a building rollup every second, where the client would wait out the
// minute its Retry-After allows.
const admin = createClient({ baseUrl: stack.url, apiKey: DEMO_ADMIN_KEY, retry: { attempts: 1 } });
let browser: Browser;
let page: Page;

async function signIn(key: string) {
  await page.goto(`${stack.url}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function signOut() {
  await page.getByRole('button', { name: /Sign out|退出/ }).click();
  await page.getByLabel(/API key|API 密钥/).waitFor();
}

/** The plan page of the demo day, its map drawn. */
async function openDemoPlan() {
  await page.goto(`${stack.url}/console/#/plans`);
  await page.getByLabel('Date').fill(stack.date);
  await page.getByLabel('Region').selectOption('reg_futian');
  await page.locator('[data-testid="route-map"][data-drawn="true"]').waitFor();
}

// On a loaded machine the queue takes minutes to build a rollup, so the tests that read one wait, bounded.
const ROLLUP_POLLS = 180;
const ROLLUP_TEST_TIMEOUT_MS = 240_000;

/**
 * Asks until the report's rollup is built: the first request for a month end starts its build through
 * the queue and answers 503 `REPORT.BUILDING`.
 */
async function whenBuilt<T>(call: () => Promise<T>): Promise<T> {
  for (let poll = 1; ; poll++) {
    try {
      return await call();
    } catch (error) {
      if (
        !(error instanceof DoorstepError && error.problem.code === 'REPORT.BUILDING') ||
        poll >= ROLLUP_POLLS
      )
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** The last day of the month before `date`. */
const monthEndBefore = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
};

async function expectAccessible(name: string) {
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on the ${name} page`).toEqual([]);
}

beforeAll(async () => {
  browser = await launchChromium();
  // A context of its own: axe-core injects itself per context.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
});

describe('the supervisor console', () => {
  it('signs in with an API key kept in session storage, never in the URL', async () => {
    await page.goto(`${stack.url}/`);
    expect(new URL(page.url()).pathname).toBe('/console/');
    await expectAccessible('sign-in');
    await page.getByLabel('API key').fill('dsk_not_a_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('API key');
    await signIn(DEMO_ADMIN_KEY);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([DEMO_ADMIN_KEY]);
    expect(await page.evaluate(() => Object.values(localStorage))).not.toContain(DEMO_ADMIN_KEY);
    expect(page.url()).not.toContain(DEMO_ADMIN_KEY);
    await expect.poll(() => page.locator('header').textContent()).toContain('as admin');
  });

  it('draws the demo plan: a line per team and a numbered marker per stop, unplanned reasons beside it', async () => {
    const { data: plan } = await admin.call('getVisitPlan', {
      params: { planId: stack.planId },
    });
    const routes = plan.routes.filter((route) => route.stops.length > 0);
    const stops = routes.flatMap((route) => route.stops);
    expect(routes.length).toBeGreaterThan(1);
    expect(plan.unplanned.length).toBeGreaterThan(0);
    await openDemoPlan();

    // Leaflet's SVG renderer: one path per team's route; DOM markers: one per stop, one per start.
    expect(await page.locator('path.route-line').count()).toBe(routes.length);
    const numbers = await page.locator('.stop-marker').allTextContents();
    expect(numbers).toHaveLength(stops.length);
    expect(numbers.map(Number).sort((a, b) => a - b)).toEqual(
      stops.map((stop, i) => stop.order ?? i + 1).sort((a, b) => a - b),
    );
    expect(await page.locator('.depot-marker').count()).toBe(routes.filter((route) => route.start).length);
    // Each team in its own colour.
    const colours = await page
      .locator('path.route-line')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')));
    expect(new Set(colours).size).toBe(routes.length);
    // No tile server answers here: the scale still renders and the page says why the background is plain.
    await expect.poll(() => page.locator('.leaflet-control-scale-line').textContent()).toMatch(/\d+ (m|km)/);
    await expect.poll(() => page.getByText('Map tiles unavailable').count()).toBe(1);
    expect(await page.getByTestId('plan-summary').textContent()).toBe(
      `${routes.length} routes, ${stops.length} stops, ${plan.unplanned.length} unplanned`,
    );

    const reasons = await page.locator('[data-testid="unplanned"] li').allTextContents();
    expect(reasons).toHaveLength(plan.unplanned.length);
    for (const [i, item] of plan.unplanned.entries()) {
      expect(reasons[i]).toContain(item.caseId);
      expect(reasons[i]).toContain(item.reasons[0]!.message);
    }
    // Each stop beside the hours compliance allowed it that day, as the planner had them.
    const allowed = await page.locator('table.stops tbody tr td:nth-child(6)').allTextContents();
    expect(allowed).toHaveLength(stops.length);
    for (const stop of stops) expect(stop.allowedWindows?.length).toBeGreaterThan(0);
    const time = String.raw`\d{1,2}:\d{2}(?:\s?[AP]M)?`;
    const windows = new RegExp(`^${time}–${time}(?:, ${time}–${time})*$`);
    for (const text of allowed) expect(text).toMatch(windows);
    // The timeline has a lane per team with a block per stop.
    expect(await page.locator('.timeline .lane:not(.axis)').count()).toBe(routes.length);
    expect(await page.locator('.timeline .lane-track li').count()).toBe(stops.length);
    await expectAccessible('plans');
  });

  it('lists the queue with the screening reasons in words, and opens a case with its dossier', async () => {
    const { data } = await admin.call('listCases', { query: { status: 'screened', limit: 50 } });
    const first = data.items[0]!;
    await page.goto(`${stack.url}/console/#/queue`);
    const firstRow = page.locator('table.queue tbody tr').first();
    await firstRow.waitFor();
    expect(await page.locator('table.queue tbody tr').count()).toBe(data.items.length);
    const text = await firstRow.textContent();
    expect(text).toContain(first.id);
    for (const reason of first.screening!.reasons) expect(text).toContain(reason.message);
    await expectAccessible('queue');
    await firstRow.getByRole('link').click();
    await page.getByTestId('dossier-name').waitFor();
    const { data: dossier } = await admin.call('getCaseDossier', {
      params: { caseId: first.id },
    });
    expect(await page.getByTestId('dossier-name').textContent()).toBe(dossier.dossier.customer.name);
    await expectAccessible('case');
  });

  it('shows today in the field by status', async () => {
    await page.goto(`${stack.url}/console/#/field`);
    await page.getByTestId('visits-by-status').waitFor();
    const { data } = await admin.call('listVisits', { query: { limit: 200 } });
    expect(data.items.length).toBeGreaterThan(0);
    expect(await page.getByTestId('visits-by-status').textContent()).toContain('planned');
    await expectAccessible('field');
  });

  it(
    'draws a KPI bar per row the API answers, with numerator and denominator on hover and a CSV of it',
    async () => {
      // The page's KPI (overdue rate as of today) reads the portfolio rollup of last month end: build it first.
      await whenBuilt(() =>
        admin.call('getKpiReport', {
          params: { kpi: 'overdue-rate.count' },
          query: { from: stack.date, to: stack.date },
        }),
      );
      await page.goto(`${stack.url}/console/#/kpis`);
      const chart = page.locator('[data-testid="kpi-chart"][data-bars]');
      await chart.waitFor();
      const from = await page.getByLabel('From').inputValue();
      const to = await page.getByLabel('To').inputValue();
      const { data } = await admin.call('getKpiReport', {
        params: { kpi: 'overdue-rate.count' },
        query: { from, to, groupBy: 'region' },
      });
      const drawn = data.rows.filter((row) => row.result.value !== null);
      expect(drawn.length).toBeGreaterThan(1);
      const bars = chart.locator('rect.kpi-bar, g.kpi-bar rect');
      expect(await bars.count()).toBe(drawn.length);
      const titles = await chart.locator('g.kpi-bar rect title').allTextContents();
      for (const row of drawn)
        expect(
          titles.some((title) => title.includes(`(${row.result.numerator} / ${row.result.denominator})`)),
        ).toBe(true);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const csv = await new Response((await download.createReadStream()) as unknown as ReadableStream).text();
      expect(csv.trim().split('\r\n')).toHaveLength(data.rows.length + 1);
      await expectAccessible('kpis');
    },
    ROLLUP_TEST_TIMEOUT_MS,
  );

  it(
    'draws each experiment’s cure-rate effect as a 95% interval',
    async () => {
      // The page's window: from the month end before the experiment started (today) through today.
      const { data: effect } = await whenBuilt(() =>
        admin.call('getExperimentEffect', {
          params: { experimentId: stack.experimentId },
          query: { from: monthEndBefore(stack.date), to: stack.date },
        }),
      );
      const interval = effect.visitedVsHoldout.cureRateDifference!;
      expect(interval.upper).toBeGreaterThan(interval.lower);
      await page.goto(`${stack.url}/console/#/experiments`);
      const chart = page.getByTestId('effect-chart').first();
      await chart.locator('svg').waitFor();
      // One link from lower to upper, and the estimate's dot between its ends.
      const link = chart.locator('g.effect-interval path');
      expect(await link.count()).toBe(1);
      const [x1, x2] = await link.evaluate((path) => {
        const box = (path as SVGGraphicsElement).getBBox();
        return [box.x, box.x + box.width];
      });
      expect(x2 - x1).toBeGreaterThan(20);
      const dot = await chart
        .locator('g.effect-estimate circle')
        .evaluate((circle) => Number(circle.getAttribute('cx')));
      expect(dot).toBeGreaterThanOrEqual(x1 - 1);
      expect(dot).toBeLessThanOrEqual(x2 + 1);
      expect(await chart.locator('g.effect-interval title').textContent()).toMatch(/\[.*,.*\]/);
      await expectAccessible('experiments');
    },
    ROLLUP_TEST_TIMEOUT_MS,
  );

  it('shows compliance decisions and dead letters', async () => {
    await page.goto(`${stack.url}/console/#/compliance`);
    await page.getByRole('heading', { name: 'Dead letters' }).waitFor();
    await expect.poll(() => page.getByRole('status').count()).toBe(0);
    await expectAccessible('compliance');
  });

  it('switches every label to 中文 and formats in the tenant’s locale', async () => {
    await page.goto(`${stack.url}/console/#/plans`);
    await page.getByLabel('Language').selectOption('zh-CN');
    try {
      await expect.poll(() => page.getByRole('navigation').textContent()).toContain('拜访计划');
      expect(await page.getByRole('navigation').textContent()).toContain('待访队列');
      // The document's language follows the render (an effect), so it is polled too.
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('拜访计划');
      await page.getByLabel('日期').fill(stack.date);
      await page.getByLabel('区域').selectOption('reg_futian');
      await page.locator('[data-testid="route-map"][data-drawn="true"]').waitFor();
      expect(await page.getByTestId('plan-summary').textContent()).toMatch(
        /^\d+ 条路线，\d+ 个站点，\d+ 个未排$/,
      );
      await expectAccessible('plans-zh');
    } finally {
      // The choice is remembered: back to English, so a failure here does not fail the next tests too
      // (by either label: the switch may not have happened).
      await page.getByLabel(/Language|语言/).selectOption('en');
      await expect.poll(() => page.getByRole('navigation').textContent()).toContain('Plans');
    }
    await signOut();
  });

  it('shows an analyst masked names and no publish', async () => {
    await signIn(stack.analystKey);
    await openDemoPlan();
    const names = await page.locator('td.customer-name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(['***']));
    expect(await page.getByRole('button', { name: 'Publish plan' }).count()).toBe(0);
    const caseId = (await page.locator('table.stops tbody tr a').first().textContent())!;
    await page.goto(`${stack.url}/console/#/cases/${caseId}`);
    await page.getByTestId('dossier-name').waitFor();
    expect(await page.getByTestId('dossier-name').textContent()).toBe('***');
    await signOut();
  });

  it('reaches publish with the keyboard alone, confirms it, and the plan is published', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByLabel('API key').waitFor();
    const keyFocused = () => page.evaluate(() => document.activeElement?.id === 'api-key');
    for (let i = 0; i < 10 && !(await keyFocused()); i++) await page.keyboard.press('Tab');
    expect(await keyFocused()).toBe(true);
    await page.keyboard.type(DEMO_SUPERVISOR_KEY);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // Date and region are form fields like any other: typed and chosen from the keyboard.
    const focusedLabel = () =>
      page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        return active?.closest('label')?.textContent?.trim() ?? active?.textContent?.trim() ?? '';
      });
    let tabs = 0;
    while (!(await focusedLabel()).startsWith('Date') && tabs++ < 30) await page.keyboard.press('Tab');
    await page.keyboard.type(stack.date.slice(5, 7) + stack.date.slice(8, 10) + stack.date.slice(0, 4));
    // All regions (the default) lists the day's one plan.
    await page.locator('[data-testid="route-map"][data-drawn="true"]').waitFor();
    tabs = 0;
    while ((await focusedLabel()) !== 'Publish plan' && tabs++ < 30) await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Publish plan');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible('publish-dialog');
    while ((await focusedLabel()) !== 'Publish' && tabs++ < 40) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Plan status: published').count()).toBe(1);
    const { data } = await admin.call('getVisitPlan', { params: { planId: stack.planId } });
    expect(data.status).toBe('published');
  });
});
