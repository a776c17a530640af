/**
 * Runs the tour's steps against a Doorstep API, as a reader pasting the README would: the same
 * requests, variables and waits. Every answer must have one of the statuses the step expects and a
 * body its operation declares (checked by the caller's `contract`); a refusal must carry one of the codes shown.
 */
import { sendDemoEvents } from '../demo/demo-intake';
import { VARIABLE } from './render';
import { type Computed, SETUP, TOUR, type TourRequest } from './steps';

export interface Answer {
  status: number;
  contentType: string;
  body: string;
  retryAfter: string | null;
}

/** What the document declares for the answer; an empty list when it conforms. */
export type ContractCheck = (method: string, path: string, answer: Answer) => string[];

export interface TourResult {
  failures: string[];
  ran: number;
  skipped: number;
}

/** A step needs a variable an earlier step should have captured: that step failed, or the order is wrong. */
class UnsetVariable extends Error {}

const read = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);

export async function runTour(
  api: string,
  contract: ContractCheck,
  log: (line: string) => void = console.log,
): Promise<TourResult> {
  const vars = new Map<string, string>([['API', api]]);
  const set = (computed: readonly Computed[]) => {
    for (const c of computed) vars.set(c.name, c.value());
  };
  const fill = (text: string) =>
    text.replace(VARIABLE, (whole, name: string) => {
      const value = vars.get(name);
      if (value === undefined) throw new UnsetVariable(`uses ${whole}, which no earlier step set`);
      return value;
    });
  const failures: string[] = [];
  let ran = 0;
  let skipped = 0;
  let n = 0;
  set(SETUP);

  const send = async (request: TourRequest, index: number): Promise<Answer> => {
    const path = fill(request.path);
    const body = request.body === undefined ? undefined : fill(JSON.stringify(request.body));
    const response = request.intake
      ? await sendDemoEvents(api, body ?? '')
      : await fetch(`${api}${path}`, {
          method: request.method,
          headers: {
            Authorization: `Bearer ${vars.get('KEY')}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(request.method === 'POST' ? { 'Idempotency-Key': `tour-${vars.get('RUN')}-${index}` } : {}),
            ...(request.ifMatch ? { 'If-Match': request.ifMatch } : {}),
          },
          ...(body === undefined ? {} : { body }),
        });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
      retryAfter: response.headers.get('Retry-After'),
    };
  };

  /**
   * As a reader does with a 503 that says when to come back (a report's rollup still being built):
   * ask again, every two seconds rather than the minute it allows, for up to two minutes.
   */
  const sendUntilReady = async (request: TourRequest, index: number): Promise<Answer> => {
    const deadline = Date.now() + 120_000;
    let answer = await send(request, index);
    while (answer.status === 503 && answer.retryAfter !== null && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 2000));
      answer = await send(request, index);
    }
    return answer;
  };

  for (const [s, section] of TOUR.entries()) {
    set(section.computed ?? []);
    for (const [r, request] of section.requests.entries()) {
      const index = ++n;
      const name = `${s + 1}.${r + 1} ${request.method} ${request.path}`;
      if (request.onlyIf && !vars.has(request.onlyIf)) {
        skipped++;
        log(`-  ${name}: skipped (no {${request.onlyIf}}: its step was refused)`);
        continue;
      }
      ran++;
      let answer: Answer;
      try {
        answer = await sendUntilReady(request, index);
      } catch (error) {
        if (!(error instanceof UnsetVariable)) throw error;
        failures.push(`${name}: ${error.message}`);
        log(`✗  ${name}: ${error.message}`);
        continue;
      }
      if (request.until) {
        const { path, values, timeoutSeconds } = request.until;
        const deadline = Date.now() + timeoutSeconds * 1000;
        const current = () => String(read(JSON.parse(answer.body || 'null'), path));
        while (answer.status === 200 && !values.includes(current()) && Date.now() < deadline) {
          await new Promise((done) => setTimeout(done, 1000));
          answer = await send(request, index);
        }
        if (answer.status === 200 && !values.includes(current())) {
          failures.push(
            `${name}: ${path} is ${current()} after ${timeoutSeconds} s, not ${values.join(' or ')}`,
          );
          continue;
        }
      }
      const problems = [
        ...(request.expect.includes(answer.status)
          ? []
          : [
              `answered ${answer.status}, expected ${request.expect.join(' or ')}: ${answer.body.slice(0, 300)}`,
            ]),
        ...contract(request.method, fill(request.path), answer),
      ];
      const json = answer.contentType.includes('json') ? (JSON.parse(answer.body) as unknown) : null;
      const code = String(read(json, 'code'));
      if (answer.status >= 400 && request.refusalCodes && !request.refusalCodes.includes(code))
        problems.push(`refused with ${code}, not ${request.refusalCodes.join(' or ')}`);
      if (problems.length > 0) {
        failures.push(...problems.map((problem) => `${name}: ${problem}`));
        log(`✗  ${name}: ${problems.join('; ')}`);
        continue;
      }
      if (answer.status < 300)
        for (const [variable, path] of Object.entries(request.capture ?? {})) {
          const value = read(json, path);
          if (value === undefined || value === null) failures.push(`${name}: no ${path} in the answer`);
          else vars.set(variable, String(value));
        }
      const refusal = answer.status >= 400 ? ` (${code}, as the tour shows)` : '';
      log(`✓  ${name} → ${answer.status}${refusal}`);
    }
  }
  return { failures, ran, skipped };
}
