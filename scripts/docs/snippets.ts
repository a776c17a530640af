/**
 * Docs' code blocks are files the build compiles and the tests run. A block in a doc is preceded by
 * `<!-- snippet: path/to/file.ts -->` (or `path#region` for the lines between `// #region region` and
 * `// #endregion` in that file), and must equal that file. `pnpm docs:snippets` rewrites the blocks
 * from the files; the snippet test fails when a doc and its file differ, so a doc cannot drift from
 * the SDK.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** The docs whose TypeScript blocks must all be snippets. */
export const CHECKED_DOCS = ['docs/plugins.md'];

const MARKER = /<!-- snippet: ([^\s#]+)(?:#([\w-]+))? -->\n```(\w+)\n([\s\S]*?)```/g;
const TS_BLOCK = /```ts\n/g;

export interface Snippet {
  doc: string;
  source: string;
  region: string | null;
  shown: string;
  expected: string;
}

/** The text a marker stands for: the whole file, or one region without its marker lines. */
export function sourceText(source: string, region: string | null): string {
  const text = readFileSync(join(root, source), 'utf8');
  if (region === null) return text;
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${region}`);
  const end = lines.findIndex((line, i) => i > start && line.trim() === '// #endregion');
  if (start < 0 || end < 0) throw new Error(`${source} has no region "${region}"`);
  return `${lines.slice(start + 1, end).join('\n')}\n`;
}

export function snippetsOf(doc: string): Snippet[] {
  const markdown = readFileSync(join(root, doc), 'utf8');
  return [...markdown.matchAll(MARKER)].map(([, source, region, , shown]) => ({
    doc,
    source: source!,
    region: region ?? null,
    shown: shown!,
    expected: sourceText(source!, region ?? null),
  }));
}

/** TypeScript blocks with no snippet marker: code nobody compiles. */
export function unmarkedBlocks(doc: string): number {
  const markdown = readFileSync(join(root, doc), 'utf8');
  return (markdown.match(TS_BLOCK)?.length ?? 0) - snippetsOf(doc).length;
}

/** Rewrites every marked block of `doc` from its file. */
export function writeSnippets(doc: string): void {
  const path = join(root, doc);
  const markdown = readFileSync(path, 'utf8');
  writeFileSync(
    path,
    markdown.replace(
      MARKER,
      (_all, source: string, region: string | undefined, lang: string) =>
        `<!-- snippet: ${source}${region ? `#${region}` : ''} -->\n\`\`\`${lang}\n${sourceText(source, region ?? null)}\`\`\``,
    ),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const doc of CHECKED_DOCS) writeSnippets(doc);
  console.log(`Rewrote the snippets of ${CHECKED_DOCS.join(', ')} from their files.`);
}
