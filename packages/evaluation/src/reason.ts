export type ReasonValue = string | number | boolean;

/**
 * Why the evaluation said what it did: a stable code, the facts behind it and a message for people. The
 * same shape as @doorstep/core's `Reason`, so hosts log and serialise both alike.
 */
export interface Reason<C extends string = string> {
  readonly code: C;
  readonly data: Readonly<Record<string, ReasonValue>>;
  readonly message: string;
}

/** A business outcome that can fail without throwing; the same shape as @doorstep/core's `Result`. */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };
