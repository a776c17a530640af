/**
 * The tour's steps as the README's shell commands: each request as the `curl` (or `demo:send-events`)
 * line a reader pastes, answers read into variables with a small `json` helper, waits as `until` loops.
 */
import { SETUP, TOUR, type TourRequest, type TourSection } from './steps';

export const TOUR_START =
  '<!-- tour:start (generated from scripts/tour/steps.ts by `pnpm tour --write-readme`) -->';
export const TOUR_END = '<!-- tour:end -->';

/** Reads a dotted path of a JSON answer on stdin: `curl … | json items.0.id`. */
const JSON_HELPER = `json() { node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split("."))v=v?.[k];console.log(v)})' "$1"; }`;

/** A tour variable, `{NAME}`. */
export const VARIABLE = /\{([A-Z][A-Z_]*)\}/g;

/** `{NAME}` inside a single-quoted shell string: close the quotes around the expansion. */
const inSingleQuotes = (text: string) => text.replace(VARIABLE, (_, name: string) => `'"\${${name}}"'`);

/** `{NAME}` inside a double-quoted shell string, braced so that no letter after it joins the name. */
const inDoubleQuotes = (text: string) => text.replace(VARIABLE, (_, name: string) => `\${${name}}`);

function command(request: TourRequest, index: number): string {
  const body = request.body === undefined ? undefined : inSingleQuotes(JSON.stringify(request.body));
  if (request.intake) return `echo '${body}' \\\n  | npx -y pnpm@10 demo:send-events --url "$API"`;
  const parts = ['curl -s'];
  if (request.method === 'POST') parts.push('-X POST');
  parts.push('-H "$AUTH"');
  if (request.method === 'POST') parts.push('-H "$JSON"', `-H "Idempotency-Key: tour-\${RUN}-${index}"`);
  if (request.ifMatch) parts.push(`-H 'If-Match: ${request.ifMatch}'`);
  const line = `${parts.join(' ')} "$API${inDoubleQuotes(request.path)}"`;
  return body === undefined ? line : `${line} \\\n  -d '${body}'`;
}

function lines(request: TourRequest, index: number): string[] {
  const curl = command(request, index);
  const note = request.note ? `   # ${request.note}` : '';
  if (request.until) {
    const { path, values } = request.until;
    return [`until [ "$(${curl} | json ${path})" = ${values[0]} ]; do sleep 1; done${note}`, curl];
  }
  const captures = Object.entries(request.capture ?? {});
  if (captures.length === 0) return [`${curl}${note}`];
  // The answer is shown, then the fields the next steps need are read from it.
  return [
    `ANSWER=$(${curl})${note}`,
    'echo "$ANSWER"',
    ...captures.map(([name, path]) => `${name}=$(echo "$ANSWER" | json ${path})`),
  ];
}

function section(tour: TourSection, number: number, counter: { n: number }): string {
  const block = [
    ...(tour.computed ?? []).map((c) => `${c.name}=${c.shell}`),
    ...tour.requests.flatMap((request) => lines(request, ++counter.n)),
  ];
  return [
    `**${number}. ${tour.title}.** ${tour.prose}`,
    '',
    '```sh',
    ...block,
    '```',
    ...(tour.after ? ['', tour.after] : []),
  ].join('\n');
}

/** The README's tour section, between its markers. */
export function renderTour(): string {
  const counter = { n: 0 };
  const setup = [
    'API=http://127.0.0.1:8787   # the URL `pnpm dev` printed',
    ...SETUP.map((c) => `${c.name}=${c.shell}`),
    'AUTH="Authorization: Bearer $KEY"',
    'JSON="content-type: application/json"',
    JSON_HELPER,
    'curl -s "$API/health"',
  ];
  return [
    TOUR_START,
    '',
    'With the API running (first command above), in another terminal at the repository’s root (bash or zsh;',
    'Node is already there).',
    'Dates are relative to today and references carry this run’s `$RUN`, so the tour can be run again.',
    '`npx -y pnpm@10 tour` runs these same steps and checks every answer’s status and shape.',
    '',
    '```sh',
    ...setup,
    '```',
    '',
    ...TOUR.flatMap((tour, i) => [section(tour, i + 1, counter), '']),
    TOUR_END,
  ].join('\n');
}

/** The README with its tour section replaced by the rendered one. */
export function withTour(readme: string): string {
  const start = readme.indexOf(TOUR_START);
  const end = readme.indexOf(TOUR_END);
  if (start < 0 || end < start) throw new Error('README.md has no tour markers');
  return `${readme.slice(0, start)}${renderTour()}${readme.slice(end + TOUR_END.length)}`;
}
