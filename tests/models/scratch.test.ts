import { describe, expect, it } from "vitest";
import { evaluate } from "../../models/engine.ts";
import { baselineOf, prepare } from "../../models/library.ts";
import { Scratch } from "../../models/monte-carlo.ts";
import { DEFAULT_BANDS } from "../../models/scenario.ts";
import { loadRepositoryLibrary } from "../../scripts/lib/load.ts";

const lib = loadRepositoryLibrary();

function worldOf(plan: string) {
  const r = prepare(lib, baselineOf(lib, plan)!, "test");
  if (!r.ok) throw new Error("prepare");
  return r.value.world;
}

const json = (x: unknown) =>
  JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));

describe("reused sample memory", () => {
  it("an evaluation keeps its figures when later runs reuse the scratch", () => {
    const jx = worldOf("jiaxing-2021-2025");
    const opts = (samples: number, seed: number) =>
      ({ samples, seed, sampling: "lhs", bands: DEFAULT_BANDS, actuals: [] }) as const;
    const first = evaluate(jx, opts(500, 1));
    const before = json(first);
    // Other runs, larger and smaller, through the same scratch.
    evaluate(jx, opts(2000, 2));
    evaluate(jx, opts(100, 3));
    expect(json(first)).toBe(before);
    expect(json(evaluate(jx, opts(500, 1)))).toBe(before);
  });

  it("hands out separate arrays within a run, and fresh ones beyond what was reserved", () => {
    const s = new Scratch();
    s.begin(10, 4);
    const a = s.float64(6);
    const b = s.float64(4);
    a.fill(1);
    b.fill(2);
    expect(Array.from(a)).toEqual([1, 1, 1, 1, 1, 1]);
    const c = s.float64(3);
    expect(c.buffer).not.toBe(a.buffer);
    expect(s.uint8(4).length).toBe(4);
    expect(s.uint8(1).length).toBe(1);
  });
});
