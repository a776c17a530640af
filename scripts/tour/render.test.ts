import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderTour, TOUR_END, TOUR_START, withTour } from './render';
import { TOUR } from './steps';

const README = new URL('../../README.md', import.meta.url);

describe('the README tour', () => {
  it('is the tour pnpm tour runs (regenerate with `pnpm tour --write-readme`)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme.slice(readme.indexOf(TOUR_START), readme.indexOf(TOUR_END) + TOUR_END.length)).toBe(
      renderTour(),
    );
  });

  it('renders every request of every step, and each variable a step uses is set before it', () => {
    const rendered = withTour(`${TOUR_START}\n${TOUR_END}`);
    const set = new Set(['API', 'KEY', 'RUN', 'TODAY', 'TOMORROW', 'MONTH_AGO']);
    for (const section of TOUR) {
      for (const c of section.computed ?? []) set.add(c.name);
      for (const request of section.requests) {
        const used = [...JSON.stringify([request.path, request.body]).matchAll(/\{([A-Z][A-Z_]*)\}/g)].map(
          (m) => m[1],
        );
        for (const name of used) expect(set.has(name ?? ''), `${request.path} uses {${name}}`).toBe(true);
        for (const name of Object.keys(request.capture ?? {})) set.add(name);
        // An intake step is shown as the demo sender's command, which knows the path.
        expect(rendered).toContain(
          request.intake
            ? 'demo:send-events'
            : request.path.replace(/\{([A-Z_]+)\}/g, (_, name) => `\${${name}}`),
        );
      }
    }
  });
});
