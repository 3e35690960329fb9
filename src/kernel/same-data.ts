/**
 * Deep equality of plain data, and keeping the objects of a record that did not change.
 */

/** Deep equality of plain data: objects, arrays and typed arrays, with NaN equal to NaN. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.every((k) => k in rb && sameData(ra[k], rb[k]));
}

/**
 * `next` with every entry deep-equal to `prev`'s entry of the same key replaced by `prev`'s own object
 * (structural sharing). A view keyed on one entry, such as one assumption's field, then sees a new object
 * only when that entry changed, and does no work for the others. Returns `prev` itself when nothing
 * changed and no key was added or removed.
 */
export function keepUnchanged<T>(
  prev: Readonly<Record<string, T>>,
  next: Readonly<Record<string, T>>,
): Record<string, T> {
  const out: Record<string, T> = {};
  let same = Object.keys(prev).length === Object.keys(next).length;
  for (const [k, v] of Object.entries(next)) {
    const old = prev[k];
    if (k in prev && sameData(old, v)) out[k] = old as T;
    else {
      out[k] = v;
      same = false;
    }
  }
  return same ? (prev as Record<string, T>) : out;
}
