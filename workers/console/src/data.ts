import type { Agent, DoorstepClient, Region } from '@doorstep/client';

/** Every page of a list operation the console needs whole (regions, agents: tens, not thousands). */
async function all<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export const allRegions = (client: DoorstepClient): Promise<Region[]> =>
  all(async (cursor) => (await client.call('listRegions', { query: { limit: 200, cursor } })).data);

export const allAgents = (client: DoorstepClient): Promise<Agent[]> =>
  all(async (cursor) => (await client.call('listAgents', { query: { limit: 200, cursor } })).data);

export interface ConsoleConfig {
  tileUrl: string;
  tileAttribution: string;
}

let config: Promise<ConsoleConfig> | null = null;

/** The deployment's map settings (`CONSOLE_TILE_URL`), served by the worker beside the console. */
export function consoleConfig(): Promise<ConsoleConfig> {
  config ??= fetch(new URL('config.json', location.href.split('#')[0]))
    .then((response) => (response.ok ? (response.json() as Promise<ConsoleConfig>) : null))
    .catch(() => null)
    .then((value) => value ?? { tileUrl: '', tileAttribution: '' });
  return config;
}

/** A CSV file of rows as shown (RFC 4180 quoting), offered as a download. */
export function downloadCsv(filename: string, header: string[], rows: (string | number | null)[][]) {
  const cell = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const body = [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([`\uFEFF${body}\r\n`], { type: 'text/csv;charset=utf-8' }));
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
