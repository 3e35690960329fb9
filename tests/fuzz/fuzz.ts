import fc from "fast-check";
import { afterAll, beforeAll, expect } from "vitest";
import type { InputIssue } from "../../models/validation.ts";

/**
 * Shared settings and invariants of the fuzz properties (tests/fuzz/). Every input edge of the product
 * is fuzzed with the same four claims: nothing throws; every refusal is a message in both languages
 * naming the input and the place in it; nothing accepted holds a non-finite number; no prototype is
 * touched. `npm test` runs a fast `FUZZ_RUNS` (200 cases a property); a nightly run sets more, e.g.
 * `FUZZ_RUNS=1000 npx vitest run --project unit tests/fuzz`. The seed is pinned (an unseeded property
 * test is a flaky test) and can be moved with `FUZZ_SEED`; a failure prints the seed and path that
 * replay it.
 */

/** Cases per property: 200 by default, `FUZZ_RUNS` for a nightly-sized run. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 200) || 200);
/** The seed of every property; `FUZZ_SEED` moves it. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_130) || 20_261_130;
export const FUZZ = { numRuns: FUZZ_RUNS, seed: FUZZ_SEED };
/** A test's time limit, in proportion to its cases (the machine is shared; this bounds, not measures). */
export const FUZZ_TIMEOUT = Math.max(60_000, 300 * FUZZ_RUNS);

/** Every problem is data: a file, a place (or "" for the whole input), a message in both languages. */
export function expectWellFormedIssues(issues: readonly InputIssue[], file: string): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues) {
    expect(i.file).toBe(file);
    expect(typeof i.path).toBe("string");
    expect(i.message.zh.trim()).not.toBe("");
    expect(i.message.en.trim()).not.toBe("");
    // No engine error text leaks through as a message line, and every message is one line.
    expect(i.message.en).not.toMatch(/[\r\n]/);
    expect(i.message.zh).not.toMatch(/[\r\n]/);
    if (i.where) {
      expect(i.where.zh.trim()).not.toBe("");
      expect(i.where.en.trim()).not.toBe("");
    }
  }
}

/** Every number anywhere in an accepted value is finite. */
export function expectFiniteNumbers(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "number") expect(Number.isFinite(v), String(v)).toBe(true);
    else if (v instanceof Float64Array || v instanceof Int32Array) for (const x of v) stack.push(x);
    else if (v instanceof Map) for (const x of v.values()) stack.push(x);
    else if (v && typeof v === "object") for (const x of Object.values(v)) stack.push(x);
  }
}

const PROTOTYPES: [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
];

/** Checks, after every test of the file, that no prototype gained or lost a key. */
export function guardPrototypes(): void {
  let before: string[][] = [];
  beforeAll(() => {
    before = PROTOTYPES.map(([, p]) => Reflect.ownKeys(p).map(String).sort());
  });
  afterAll(() => {
    PROTOTYPES.forEach(([name, p], k) => {
      expect(Reflect.ownKeys(p).map(String).sort(), name).toEqual(before[k]);
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
}

/** Keys an attacker or an accident would use: prototype machinery among ordinary names. */
export const hostileKey = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "polluted", "toString") },
);

/** Any JSON-like value, with hostile keys and numbers JSON cannot hold (NaN, ±Infinity, -0). */
export const hostileValue: fc.Arbitrary<unknown> = fc.anything({
  key: hostileKey,
  maxDepth: 4,
  maxKeys: 6,
  withNullPrototype: true,
  withBoxedValues: false,
  withMap: false,
  withSet: false,
  withTypedArray: false,
  withSparseArray: true,
});

/** `base` with the value at one random path replaced (or a hostile key added there). */
export function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) walk(v[i], [...path, i]);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(base, []);
  const leaf = fc.oneof(
    hostileValue,
    fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      2 ** 53,
      1e308,
      -1,
      "",
    ),
    fc.double(),
    fc.string(),
  );
  return fc
    .record({
      at: fc.constantFrom(...paths),
      value: leaf,
      addKey: fc.option(hostileKey, { nil: undefined }),
    })
    .map(({ at, value, addKey }) => {
      const copy = structuredClone(base) as Record<string | number, unknown>;
      if (at.length === 0) return value;
      let cur: Record<string | number, unknown> = copy;
      for (const k of at.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
      const last = at.at(-1)!;
      if (addKey !== undefined && cur[last] && typeof cur[last] === "object") {
        // defineProperty, as JSON.parse would: an own key "__proto__", not a prototype change.
        Object.defineProperty(cur[last], addKey, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else cur[last] = value;
      return copy;
    });
}

/** JSON text as people and programs send it: valid JSON of `value`, or damaged, with BOM and CRLF. */
export function jsonTexts(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .record({
        v: value,
        bom: fc.boolean(),
        crlf: fc.boolean(),
        cut: fc.option(fc.nat(), { nil: undefined }),
        insert: fc.option(fc.tuple(fc.nat(), fc.string({ maxLength: 3 })), { nil: undefined }),
      })
      .map(({ v, bom, crlf, cut, insert }) => {
        let text = JSON.stringify(v, null, 2) ?? "null";
        if (crlf) text = text.replace(/\n/g, "\r\n");
        if (cut !== undefined) text = text.slice(0, cut % (text.length + 1));
        if (insert) {
          const at = insert[0] % (text.length + 1);
          text = text.slice(0, at) + insert[1] + text.slice(at);
        }
        return (bom ? "\uFEFF" : "") + text;
      }),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: 200 }),
  );
}
