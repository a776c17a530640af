import { readFileSync } from 'node:fs';
import { openApiDocument } from '@doorstep/api';
import { describe, expect, it } from 'vitest';
import { EVENTS_PAGE, renderEventsPage } from './events';

describe('docs/events.md', () => {
  const document = openApiDocument() as Parameters<typeof renderEventsPage>[0];

  it('is the page the OpenAPI document renders (run `pnpm docs:events` after changing an event)', () => {
    expect(readFileSync(EVENTS_PAGE, 'utf8')).toBe(renderEventsPage(document));
  });

  it('documents every webhook of the document, with its data fields', () => {
    const page = renderEventsPage(document);
    const webhooks = Object.keys((document as { webhooks?: object }).webhooks ?? {});
    expect(webhooks).toContain('visit.checked_in');
    expect(webhooks).toContain('webhook.test');
    for (const type of webhooks) expect(page).toContain(`## \`${type}\``);
    expect(page).toMatch(/\| `receivedAt` \| instant \|/);
  });
});
