/**
 * The one Result of the project (CONVENTIONS: Squiggle's `{ ok: true, value } | { ok: false, error }`):
 * what crosses a boundary as data instead of as a thrown error, and the few helpers every module needs
 * to make and chain one. Pure: no imports, so `models/`, the kernel, the worker and the CLI share it.
 */

/** A result that crosses a boundary as data rather than as a thrown error. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Text in both languages, as `models/text.ts` `Bilingual` (structural, so this module imports nothing). */
interface Words {
  zh: string;
  en: string;
}

/** A success. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failure. */
export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** A refusal said in both languages: the error of every store method. */
export function refuse(zh: string, en: string): { ok: false; error: Words } {
  return { ok: false, error: { zh, en } };
}

/** One input issue at `path` of `file` (the shape of `InputIssue`), as a failed result. */
export function fail(
  file: string,
  path: string,
  message: Words,
): { ok: false; error: { file: string; path: string; message: Words }[] } {
  return { ok: false, error: [{ file, path, message }] };
}

/** Transforms the value of a success; a failure passes through. */
export function map<T, U, E>(r: Result<T, E>, f: (value: T) => U): Result<U, E> {
  return r.ok ? ok(f(r.value)) : r;
}

/** Transforms the error of a failure; a success passes through. */
export function mapError<T, E, F>(r: Result<T, E>, f: (error: E) => F): Result<T, F> {
  return r.ok ? r : err(f(r.error));
}

/** Chains a step that may itself fail. */
export function andThen<T, U, E>(r: Result<T, E>, f: (value: T) => Result<U, E>): Result<U, E> {
  return r.ok ? f(r.value) : r;
}

/** The value of a success, else `fallback`. */
export function unwrapOr<T, E>(r: Result<T, E> | undefined, fallback: T): T {
  return r?.ok ? r.value : fallback;
}

/** The value of a success, else undefined (a failed or missing result shows nothing). */
export function okValue<T, E>(r: Result<T, E> | undefined): T | undefined {
  return r?.ok ? r.value : undefined;
}

/** The first issue's message of a failure with a list of issues (how one message is shown for many). */
export function firstMessage<M>(issues: readonly { message: M }[]): M {
  return issues[0]!.message;
}
