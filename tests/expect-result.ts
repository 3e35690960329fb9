import type { Result } from "../models/result.ts";

/**
 * Asserting on a Result without a hole: `expect(r.ok && r.value).not.toBe(x)` passes when `r` failed
 * (false is not x), so a test first asserts the result's kind and then reads what it carries. These
 * fail the test, naming what the result was, when it is of the other kind (or missing).
 */

/** The value of a success; fails the test on a failure or a missing result. */
export function expectOk<T, E>(r: Result<T, E> | null | undefined): T {
  if (!r?.ok) throw new Error(`expected a success, got ${JSON.stringify(r)}`);
  return r.value;
}

/** The error of a failure; fails the test on a success or a missing result. */
export function expectErr<T, E>(r: Result<T, E> | null | undefined): E {
  if (!r || r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r)}`);
  return r.error;
}
