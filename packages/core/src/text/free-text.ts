import { z } from 'zod';
import { withRule } from '../schema/documented-rule';

/**
 * C0 controls other than tab (U+0009) and newline (U+000A), DEL and the C1 controls. They have no place
 * in a name, a note or a reason, and some of them do harm where the text is shown later: NUL truncates
 * it in C code, ESC and CSI (U+009B) start terminal escape sequences in an operator's log viewer.
 */
const CONTROL_CLASS = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F';
const CONTROL_CHARACTER = new RegExp(`[${CONTROL_CLASS}]`);
const WITHOUT_CONTROL_CHARACTERS = new RegExp(`^[^${CONTROL_CLASS}]*$`);

/** A surrogate half without its partner: not a character at all, and broken UTF-8 once stored. */
const LONE_SURROGATE = /\p{Cs}/u;

export interface FreeTextOptions {
  /** At least this many characters (UTF-16 code units, as JSON Schema counts them); default 0. */
  min?: number;
  /** At most this many characters (UTF-16 code units). */
  max: number;
  /** Strip leading and trailing white space before the length is counted (a reason of spaces is none). */
  trim?: boolean;
}

/**
 * Every free-text field a person or a bank writes — names, notes, reasons, addresses: normalised to
 * Unicode NFC (so "é" typed as e + combining accent and as one character compare and store the
 * same), refusing control characters other than newline and tab, and lone surrogates. Emoji, RTL
 * and CJK text are ordinary text and pass unchanged. The check is a `pattern` in the OpenAPI
 * document, so a client can apply it before sending.
 *
 * @example
 * const NoteSchema = freeText({ max: 4000 });
 */
export function freeText({ min = 0, max, trim = false }: FreeTextOptions) {
  const normalised = z.string().normalize('NFC');
  const text = (trim ? normalised.trim() : normalised)
    .max(max)
    .regex(WITHOUT_CONTROL_CHARACTERS, {
      message: 'Control characters other than newline and tab are not allowed',
    })
    .refine((value) => !LONE_SURROGATE.test(value), { message: 'Not valid Unicode text (a lone surrogate)' });
  if (!trim || min === 0) return text.min(min);
  // A length counted after trimming is a rule JSON Schema cannot state: published as one, with the
  // untrimmed minLength as the floor the document can state.
  return withRule(
    text.meta({ minLength: min }),
    `At least ${min} characters once leading and trailing white space is trimmed`,
    (value) => value.length >= min,
  );
}

/** Whether `text` holds a character {@link freeText} refuses; for text that arrives outside a schema. */
export const hasControlCharacters = (text: string): boolean => CONTROL_CHARACTER.test(text);
