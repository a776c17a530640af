/**
 * Records each new lesson version in `packages/education/src/catalogue.lock.json`. It adds entries and
 * never rewrites one: a published version whose text changed is refused, and the fix is a new version
 * number, so an assignment's stored version always names the text its customer saw.
 *
 *   pnpm education:lock
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { catalogue, lessonFingerprint } from '@doorstep/education';

const path = new URL('../../packages/education/src/catalogue.lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
const refused: string[] = [];
for (const lesson of catalogue) {
  const key = `${lesson.id}@${lesson.version}`;
  const fingerprint = lessonFingerprint(lesson);
  const recorded = lock[key];
  if (recorded === undefined) {
    lock[key] = fingerprint;
    console.log(`locked ${key} ${fingerprint}`);
  } else if (recorded !== fingerprint)
    refused.push(`${key} changed after it was published: bump its version`);
}
if (refused.length > 0) {
  console.error(refused.join('\n'));
  process.exit(1);
}
const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(path, `${JSON.stringify(sorted, null, 2)}\n`);
