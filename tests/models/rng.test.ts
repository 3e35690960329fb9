import { describe, expect, it } from "vitest";
import { createRng, deriveSeed } from "../../models/rng.ts";

function draw(seed: number, n: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng());
}

describe("createRng", () => {
  it("gives the same sequence for the same seed", () => {
    expect(draw(42, 1000)).toEqual(draw(42, 1000));
    expect(draw(0, 10)).toEqual(draw(0, 10));
  });

  it("gives different sequences for different seeds", () => {
    const a = draw(42, 100);
    for (const other of [0, 1, 43, -42, 0x7fffffff]) {
      const b = draw(other, 100);
      expect(b).not.toEqual(a);
      // Not a shifted copy either: the sequences share (almost) no values.
      expect(b.filter((x) => a.includes(x)).length).toBeLessThan(2);
    }
  });

  it("draws uniformly in [0, 1): the mean of 100,000 draws is within 0.005 of 0.5", () => {
    const rng = createRng(42);
    let sum = 0;
    let lo = 1;
    let hi = 0;
    const deciles = new Int32Array(10);
    for (let i = 0; i < 100_000; i++) {
      const x = rng();
      sum += x;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      deciles[Math.floor(x * 10)]!++;
    }
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // Each tenth holds 10,000 ± 5 sd (sd = 95).
    for (const c of deciles) expect(Math.abs(c - 10_000)).toBeLessThan(475);
  });
});

describe("deriveSeed", () => {
  it("gives a distinct stream seed for every k = 0…9999", () => {
    for (const seed of [0, 42, 0xffffffff]) {
      const seeds = new Set<number>();
      for (let k = 0; k < 10_000; k++) seeds.add(deriveSeed(seed, k));
      expect(seeds.size).toBe(10_000);
    }
  });

  it("is a pure function of (seed, k) and depends on the base seed", () => {
    expect(deriveSeed(42, 7)).toBe(deriveSeed(42, 7));
    expect(deriveSeed(42, 7)).not.toBe(deriveSeed(43, 7));
    // Derived streams do not repeat the first draw of a neighbouring stream.
    const firsts = new Set<number>();
    for (let k = 0; k < 1000; k++) firsts.add(createRng(deriveSeed(42, k))());
    expect(firsts.size).toBe(1000);
  });
});
