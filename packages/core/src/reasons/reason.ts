import { z } from 'zod';

export type ReasonValue = string | number | boolean;

/**
 * Why a policy decided what it did: a stable code for machines, the facts behind it, and a message
 * for people ("DPD 62 >= 60"). Never a bare score.
 */
export interface Reason<C extends string = string> {
  readonly code: C;
  readonly data: Readonly<Record<string, ReasonValue>>;
  readonly message: string;
}

export const ReasonSchema = z.object({
  code: z.string().min(1),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  message: z.string(),
});

/** A plugin's reason catalogue: code → message template with `{placeholders}`. */
export type ReasonTemplates = Readonly<Record<string, string>>;

/** `'DPD {dpd} >= {threshold}'` → `'dpd' | 'threshold'`. */
export type TemplatePlaceholders<T extends string> = T extends `${string}{${infer Key}}${infer Rest}`
  ? Key | TemplatePlaceholders<Rest>
  : never;

/** The data a reason must carry: exactly the placeholders of its template. */
export type ReasonData<T extends string> = { readonly [K in TemplatePlaceholders<T>]: ReasonValue };

export type ReasonCode<R extends ReasonTemplates> = keyof R & string;

/** Builds a reason of a plugin's catalogue; code and data are checked against the template. */
export type ReasonFactory<R extends ReasonTemplates> = <C extends ReasonCode<R>>(
  code: C,
  data: ReasonData<R[C]>,
) => Reason<C>;

// A template split once into literal text and keys, so rendering per decision is a few concatenations.
type CompiledTemplate = { literals: string[]; keys: string[] };

const PLACEHOLDER = /\{([^{}]+)\}/g;

const compileTemplate = (template: string): CompiledTemplate => {
  const literals: string[] = [];
  const keys: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    literals.push(template.slice(last, match.index));
    keys.push(match[1]!);
    last = match.index + match[0].length;
  }
  literals.push(template.slice(last));
  return { literals, keys };
};

const render = (compiled: CompiledTemplate, data: Readonly<Record<string, ReasonValue>>): string => {
  let out = compiled.literals[0]!;
  for (let i = 0; i < compiled.keys.length; i++) {
    out += String(data[compiled.keys[i]!]) + compiled.literals[i + 1]!;
  }
  return out;
};

type Renderer = (data: Readonly<Record<string, ReasonValue>>) => string;

// Screening renders several reasons per case at 10^5+ cases/s; unrolled renderers for the usual
// one to three placeholders avoid the loop and its bounds checks on that path.
const rendererFor = (compiled: CompiledTemplate): Renderer => {
  const [l0 = '', l1 = '', l2 = '', l3 = ''] = compiled.literals;
  const [k0 = '', k1 = '', k2 = ''] = compiled.keys;
  switch (compiled.keys.length) {
    case 0:
      return () => l0;
    case 1:
      return (d) => `${l0}${d[k0]}${l1}`;
    case 2:
      return (d) => `${l0}${d[k0]}${l1}${d[k1]}${l2}`;
    case 3:
      return (d) => `${l0}${d[k0]}${l1}${d[k1]}${l2}${d[k2]}${l3}`;
    default:
      return (d) => render(compiled, d);
  }
};

/** Compiles every template of a catalogue once and returns the factory plugins use per decision. */
export const reasonFactory = <R extends ReasonTemplates>(templates: R): ReasonFactory<R> => {
  const renderers = new Map<string, Renderer>();
  for (const [code, template] of Object.entries(templates))
    renderers.set(code, rendererFor(compileTemplate(template)));
  return (code, data) => {
    const renderer = renderers.get(code);
    if (renderer === undefined) throw new Error(`Unknown reason code ${code}`);
    return { code, data, message: renderer(data) };
  };
};

/** Renders a template ad hoc, for hosts that hold a reason's code and data but not its message. */
export const renderTemplate = (template: string, data: Readonly<Record<string, ReasonValue>>): string =>
  render(compileTemplate(template), data);
