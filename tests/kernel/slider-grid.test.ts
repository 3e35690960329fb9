import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSliderGrid, keyStep, snap, snapDown, snapUp, stepBy } from "../../src/kernel/slider-grid.ts";

describe("slider grid", () => {
  it("reaches the maximum with End and the minimum with Home, off the step grid too", () => {
    // Huyi's medical.rate0: 96.01 … 98 in steps of 0.1, default 96.5; a native slider stops at 97.91.
    const g = createSliderGrid(96.01, 98, 0.1, 96.5);
    expect(keyStep(g, 96.5, "End")).toBe(98);
    expect(keyStep(g, 96.5, "Home")).toBe(96.01);
    expect(stepBy(g, 97.9, 1)).toBe(98);
    expect(stepBy(g, 98, 1)).toBe(98);
    expect(stepBy(g, 96.1, -1)).toBe(96.01);
    expect(snap(g, 97.99)).toBe(98);
    expect(snap(g, 96.02)).toBe(96.01);
    expect(keyStep(g, 96.5, "Tab")).toBeNull();
  });

  it("keeps the published default on the grid: a population of 5,400,868 in steps of 1,000", () => {
    const g = createSliderGrid(5_000_000, 6_000_000, 1000, 5_400_868);
    expect(snap(g, 5_400_868)).toBe(5_400_868);
    expect(stepBy(g, 5_400_868, 1)).toBe(5_401_868);
    expect(stepBy(g, 5_401_868, -1)).toBe(5_400_868);
    expect(snap(g, 5_400_500)).toBe(5_400_868);
    expect(keyStep(g, 5_400_868, "End")).toBe(6_000_000);
    expect(stepBy(g, 6_000_000, -1)).toBe(5_999_868);
  });

  it("adds steps without floating-point noise: 0.1 three times is 0.3", () => {
    const g = createSliderGrid(0, 1, 0.1, 0);
    let v = 0;
    for (let i = 0; i < 3; i++) v = stepBy(g, v, 1);
    expect(v).toBe(0.3);
    expect(String(stepBy(g, 0.7, 1))).toBe("0.8");
    expect(snap(g, 0.30000000000000004)).toBe(0.3);
    expect(String(stepBy(createSliderGrid(0, 13.2, 0.1, 5.6), 5.6, 10))).toBe("6.6");
  });

  it("snaps up and down to the side that still meets a target", () => {
    const g = createSliderGrid(0, 2000, 10, 500);
    expect(snapUp(g, 613.2)).toBe(620);
    expect(snapDown(g, 613.2)).toBe(610);
    expect(snapUp(g, 610)).toBe(610);
    expect(snapUp(g, 1999)).toBe(2000);
    expect(snapDown(g, -5)).toBe(0);
  });

  it("every position is within range, on the grid or at an end, and printed without noise (property, seed 5)", () => {
    const arb = fc.record({
      lo: fc.integer({ min: -10_000, max: 10_000 }),
      span: fc.integer({ min: 1, max: 100_000 }),
      stepExp: fc.integer({ min: -3, max: 3 }),
      stepMant: fc.constantFrom(1, 2, 5),
      anchorAt: fc.double({ min: 0, max: 1, noNaN: true }),
      at: fc.double({ min: -0.2, max: 1.2, noNaN: true }),
      moves: fc.integer({ min: -30, max: 30 }),
    });
    fc.assert(
      fc.property(arb, ({ lo, span, stepExp, stepMant, anchorAt, at, moves }) => {
        const min = lo / 100;
        const max = (lo + span) / 100;
        const step = stepMant * 10 ** stepExp;
        const anchor = Number((min + (max - min) * anchorAt).toFixed(2));
        const g = createSliderGrid(min, max, step, anchor);
        const v = stepBy(g, snap(g, min + (max - min) * at), moves);
        expect(v).toBeGreaterThanOrEqual(min);
        expect(v).toBeLessThanOrEqual(max);
        const k = (v - g.anchor) / g.step;
        const onGrid = Math.abs(k - Math.round(k)) < 1e-6;
        expect(onGrid || v === min || v === max).toBe(true);
        expect(String(v).replace(/^-?\d+\.?/, "").length).toBeLessThanOrEqual(g.decimals);
        expect(keyStep(g, v, "End")).toBe(max);
        expect(keyStep(g, v, "Home")).toBe(min);
      }),
      { seed: 5, numRuns: 500 },
    );
  });
});
