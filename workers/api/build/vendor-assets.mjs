/**
 * Copies the pinned API reference renderer (`@scalar/api-reference`, a devDependency) from
 * node_modules into the worker's static assets, so `/docs` needs no CDN and works offline.
 * Runs as wrangler's custom build (dev, deploy) and from the vitest config; safe to run again.
 *
 *   node build/vendor-assets.mjs
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = dirname(dirname(fileURLToPath(import.meta.url)));
/** Where vendored files go; git-ignored, rebuilt from the lockfile's pinned versions. */
export const VENDOR_DIR = join(apiDir, 'public/docs/vendor');

export function vendorAssets() {
  const pkgDir = realpathSync(join(apiDir, 'node_modules/@scalar/api-reference'));
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const from = join(pkgDir, 'dist/browser/standalone.js');
  if (!existsSync(from)) throw new Error(`vendor-assets: ${from} is missing; run pnpm install`);
  mkdirSync(VENDOR_DIR, { recursive: true });
  const to = join(VENDOR_DIR, 'scalar-api-reference.js');
  if (
    !existsSync(to) ||
    statSync(to).size !== statSync(from).size ||
    statSync(to).mtimeMs < statSync(from).mtimeMs
  )
    copyFileSync(from, to);
  // The package ships no LICENSE file; its notice travels with the redistributed bundle all the same.
  writeFileSync(
    join(VENDOR_DIR, 'scalar-api-reference.NOTICE.txt'),
    `${pkg.name} ${pkg.version}\nLicense: ${pkg.license}\nSource: ${pkg.repository?.url ?? pkg.homepage ?? ''}\n`,
  );
  return { version: pkg.version };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { version } = vendorAssets();
  console.log(`vendored @scalar/api-reference ${version} into public/docs/vendor`);
}
