/**
 * What a partner writes first with @doorstep/client, installed from its tarball into a project of its
 * own: list cases, walk the pages, read a KPI report as CSV, handle a refusal by its problem code.
 * `pnpm client:check` typechecks this file under nodenext, node16 and bundler and runs it with node.
 */
import { createClient, DoorstepError, paginate } from '@doorstep/client';

// A partner project has @types/node; this one declares the little of Node it uses, to stay standalone.
declare const process: { env: Record<string, string | undefined> };

const api = createClient({
  baseUrl: process.env.DOORSTEP_URL ?? 'http://127.0.0.1:8787',
  apiKey: process.env.DOORSTEP_KEY ?? '',
});

const { data: firstPage } = await api.call('listCases', { query: { limit: 5 } });

let pages = 0;
let cases = 0;
for await (const page of paginate(api, 'listCases', { limit: 50 })) {
  pages += 1;
  cases += page.items.length;
  if (pages === 3) break;
}

const today = new Date().toISOString().slice(0, 10);
const report = await api.call('getKpiReport', {
  params: { kpi: 'overdue-rate.count' },
  query: { from: '2026-01-01', to: today, groupBy: 'region', format: 'csv' },
});
const csv = typeof report.data === 'string' ? report.data : '';

let refusal = '';
try {
  await api.call('getCase', { params: { caseId: 'case_not_a_real_one' } });
} catch (error) {
  if (!(error instanceof DoorstepError)) throw error;
  refusal = error.problem.code;
}

console.log(
  JSON.stringify({
    firstPage: firstPage.items.length,
    pages,
    cases,
    csvHeader: csv.split('\n')[0],
    csvRows: csv.trim().split('\n').length - 1,
    refusal,
  }),
);
