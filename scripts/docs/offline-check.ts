/**
 * Opens `/docs` in headless Chromium with every request to another origin refused, as on a laptop
 * with the network cut, and checks that the reference renders (the operations are listed) and that
 * the page tried to reach nothing outside the worker. Needs Debian's `chromium` (apt-get install chromium).
 *
 *   npx tsx scripts/docs/offline-check.ts [--url http://127.0.0.1:8787]
 */
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:8787' } } });
const base = new URL(values.url).origin;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage();
  const outside: string[] = [];
  const served: string[] = [];
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== base) {
      outside.push(url.href);
      return route.abort('internetdisconnected');
    }
    served.push(url.pathname);
    return route.continue();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(`${base}/docs`);
  // The first tag's operation is listed once the document has been fetched and rendered.
  await page.waitForSelector('text=Liveness and readiness', { timeout: 60_000 });
  console.log(`rendered /docs from ${[...new Set(served)].join(', ')}`);
  console.log(
    `requests to other origins: ${outside.length}; console errors and warnings: ${problems.length}`,
  );
  for (const line of [...outside, ...problems]) console.log(`  ${line}`);
  if (outside.length > 0 || problems.length > 0) process.exitCode = 1;
} finally {
  await browser.close();
}
