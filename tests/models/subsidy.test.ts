import { describe, expect, it } from "vitest";
import type { YearSpan } from "../../models/model.ts";
import { type SubsidyParam, subsidyModel } from "../../models/subsidy.ts";

const span: YearSpan = { start: 2020, end: 2025 };
const flat = new Float64Array(6).fill(5);

const base: Record<SubsidyParam, number> = {
  eligible0: 1000,
  coverage0: 90,
  standard0: 100,
  standardIndex: 0,
  takeUp: 100,
  budgetGrowth: 0,
  wideningYear: 0,
  wideningShare: 0,
};

function run(overrides: Partial<Record<SubsidyParam, number>>, driver = flat) {
  const out = subsidyModel.createWorkspace(6);
  subsidyModel.run({ ...base, ...overrides }, { driver }, span, out);
  return out;
}

describe("subsidyModel", () => {
  it("reproduces the printed baseline coverage exactly in the start year", () => {
    const out = run({ coverage0: 98.37, eligible0: 3663, standard0: 87, takeUp: 99.5 });
    expect(out.coverage[0]).toBe(98.37);
    expect(out.eligible[0]).toBe(3663);
    expect(out.standard[0]).toBe(87);
    // budget = 0.9837 × 3663 × 12 × 87
    expect(out.budget[0]).toBeCloseTo(0.9837 * 3663 * 12 * 87, 6);
    expect(out.recipients[0]).toBeCloseTo(3603.2931, 6);
  });

  it("lowers coverage by the indexation when the budget is frozen", () => {
    // budget 0.9 × 1000 × 12 × 100 = 1,080,000 a year; the standard rises 10% a year.
    const out = run({ standardIndex: 10 });
    expect(out.budget[3]).toBeCloseTo(1_080_000, 6);
    expect(out.standard[1]).toBeCloseTo(110, 9);
    expect(out.standard[2]).toBeCloseTo(121, 9);
    // 1,080,000 / (12 × 110) = 818.18… recipients; 90 / 1.1 = 81.818…%
    expect(out.recipients[1]).toBeCloseTo(818.1818, 3);
    expect(out.coverage[1]).toBeCloseTo(81.8182, 3);
    expect(out.coverage[2]).toBeCloseTo(90 / 1.21, 9);
    // every one of the 1000 eligible claims: 1000 × 12 × 110 = 1,320,000 needed; gap 240,000.
    expect(out.costNeeded[1]).toBeCloseTo(1_320_000, 6);
    expect(out.gap[1]).toBeCloseTo(240_000, 6);
    expect(out.gap[2]).toBeCloseTo(1000 * 12 * 121 - 1_080_000, 6);
  });

  it("covers every claimant once the budget outgrows the cost, and then has no gap", () => {
    // budget +20% a year against 90% coverage: year 1 funds 1,296,000 / 1,200 = 1080 > 1000 claimants.
    const out = run({ budgetGrowth: 20 });
    expect(out.recipients[1]).toBeCloseTo(1000, 9);
    expect(out.coverage[1]).toBeCloseTo(100, 9);
    expect(out.gap[1]).toBe(0);
    expect(out.budget[1]).toBeCloseTo(1_296_000, 6);
  });

  it("caps coverage at take-up", () => {
    const out = run({ takeUp: 95, budgetGrowth: 50 });
    expect(out.coverage[0]).toBe(90);
    expect(out.coverage[1]).toBeCloseTo(95, 9);
    expect(out.recipients[1]).toBeCloseTo(950, 9);
  });

  it("scales the eligible count with the driver's ratio to the start year", () => {
    const driver = Float64Array.of(200, 210, 220, 230, 240, 250);
    const out = run({ budgetGrowth: 5 }, driver);
    expect(out.eligible[1]).toBeCloseTo(1050, 9);
    expect(out.eligible[5]).toBeCloseTo(1250, 9);
    // year 1: budget 1,134,000 funds 945 of 1050 claimants = 90%
    expect(out.coverage[1]).toBeCloseTo(90, 9);
  });

  it("widens eligibility from the widening year on", () => {
    const out = run({ wideningYear: 2022, wideningShare: 20, budgetGrowth: 0 });
    expect(Array.from(out.eligible)).toEqual([1000, 1000, 1200, 1200, 1200, 1200]);
    // 900 funded of 1200 claimants = 75%
    expect(out.coverage[2]).toBeCloseTo(75, 9);
    expect(out.coverage[1]).toBeCloseTo(90, 9);
  });

  it("treats a widening year at or before the start year as already inside eligible0", () => {
    for (const wideningYear of [0, 2015, 2020]) {
      const out = run({ wideningYear, wideningShare: 50 });
      expect(Array.from(out.eligible)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    }
  });

  it("writes a single-year span without reading past it", () => {
    const out = subsidyModel.createWorkspace(1);
    subsidyModel.run(base, { driver: Float64Array.of(1) }, { start: 2020, end: 2020 }, out);
    expect(out.coverage[0]).toBe(90);
    expect(out.gap[0]).toBeCloseTo(100 * 12 * 100, 6); // 100 unfunded claimants × 12 months × 100 yuan
  });

  it("holds eligibility at eligible0 when the driver's start value is not positive", () => {
    const out = run({}, Float64Array.of(0, 3, 4, 5, 6, 7));
    expect(Array.from(out.eligible)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
  });
});
