import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console is served by the API worker's static assets under /console/ (same origin as the API, so
 * no CORS). The build writes there; `wrangler dev`/`deploy` run it first (see wrangler.jsonc `build`).
 */
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../api/public/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Each page's heavy library (Leaflet, Observable Plot) is its own chunk, loaded when that page opens.
    chunkSizeWarningLimit: 400,
    sourcemap: false,
  },
});
