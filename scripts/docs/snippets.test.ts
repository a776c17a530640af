import { describe, expect, it } from 'vitest';
import { CHECKED_DOCS, snippetsOf, unmarkedBlocks } from './snippets';

describe.each(CHECKED_DOCS)('%s', (doc) => {
  it('has no TypeScript block that is not a compiled, tested file', () => {
    expect(unmarkedBlocks(doc)).toBe(0);
    expect(snippetsOf(doc).length).toBeGreaterThan(0);
  });

  it.each(snippetsOf(doc).map((s) => [`${s.source}${s.region ? `#${s.region}` : ''}`, s] as const))(
    'shows %s exactly as it is (pnpm docs:snippets rewrites it)',
    (_name, snippet) => {
      expect(snippet.shown).toBe(snippet.expected);
    },
  );
});
